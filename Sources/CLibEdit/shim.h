// libedit's readline compatibility header needs stdio first.
#include <stdio.h>
#include <editline/readline.h>
