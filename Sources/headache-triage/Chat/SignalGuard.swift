import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Closes the transcript cleanly on SIGTERM and SIGHUP (a closed terminal), marked as ended early.
///
/// The handler may only call async-signal-safe functions, so the closing line is prepared
/// beforehand and written with write(2) on the saved descriptor.
enum SignalGuard {
    nonisolated(unsafe) private static var fd: Int32 = -1
    nonisolated(unsafe) private static var message: [UInt8] = []

    static func install(transcript: TranscriptWriter?) {
        guard let transcript else { return }
        fd = transcript.fileDescriptor
        message = Array("\n# ended early: the program was stopped by a signal\n".utf8)
        let handler: @convention(c) (Int32) -> Void = { signal in
            if SignalGuard.fd >= 0 {
                SignalGuard.message.withUnsafeBufferPointer { buffer in
                    _ = Glibc.write(SignalGuard.fd, buffer.baseAddress, buffer.count)
                }
                _ = fsync(SignalGuard.fd)
            }
            Glibc.signal(signal, SIG_DFL)
            raise(signal)
        }
        Glibc.signal(SIGTERM, handler)
        Glibc.signal(SIGHUP, handler)
    }
}
