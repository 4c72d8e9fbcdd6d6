/// The fixed words of the summary that the rules do not hold yet: headings and small labels.
///
/// Every other text of the summary (titles, advice, messages, safety nets, pattern names and
/// about texts, focus names, therapy and self-care texts) comes from the rules. These are kept
/// together, in one place, so that they can move into the rules as one step later.
public enum SummaryHeadings {
    public static let documentTitle = "Headache summary"
    public static let forWhom = "To take to your doctor or therapist"
    public static let whatToDo = "What to do"
    public static let why = "Why"
    public static let unsureFlags = "Not sure, so please mention to the doctor"
    public static let ifThingsChange = "If things change"
    public static let whatWasSaid = "What was said"
    public static let story = "In their own words"
    public static let noStory = "(no description given)"
    public static let answeredNo = "No to"
    public static let otherFacts = "Other answers"
    public static let pattern = "Headache pattern"
    public static let patternNotAssessed = "Not assessed: the doctor will look at the headache as a whole."
    public static let noCriteria = "No criteria: none of the usual patterns fits."
    public static let noPattern = "None of the patterns fits."
    public static let ichd = "ICHD-3"
    public static let criterionMet = "yes"
    public static let criterionNotMet = "no"
    public static let criterionUnknown = "not known"
    public static let allButOne = "all but one criterion needed"
    public static let contributors = "May be adding to it"
    public static let therapy = "For the therapist: neuromuscular therapy (NMT)"
    public static let therapyBecause = "Because"
    public static let focus = "Focus areas"
    public static let notInPicture = "not marked in the picture"
    public static let pictureTitle = "Head, neck and shoulders from the side, with the focus areas marked"
    public static let selfCare = "Self-care"
    public static let date = "Date"
    public static let program = "Program"
    public static let rules = "Rules"
    public static let notSure = "not sure"
    public static let noAnswer = "not sure (no answer)"
    public static let fromStory = "from the description"
    public static let corrected = "corrected"
    public static let notAsked = "given but not asked; not used"
    public static let neverAsked = "not asked"
    public static let disclaimer = Wording()(.disclaimer)
}
