#if canImport(Glibc)
import Glibc
#endif

/// The current time as ISO 8601 in UTC ("2026-11-30T14:35:00Z"), the form transcripts record.
///
/// Made with the C library's clock and calendar: an `ISO8601DateFormatter` made for each file
/// took about 30 % of `run` over many files, and brought Foundation's calendar code into a
/// process that otherwise needs none of it.
enum Timestamp {
    static func now() -> String {
        var seconds = time(nil)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
