#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the signal handlers need, kept where a handler may read it without locks or
/// allocation.
struct SignalState {
  var original = termios()
  var hasOriginal: Int32 = 0
  var alternateScreen: Int32 = 0
  var resized: sig_atomic_t = 0
}

nonisolated(unsafe) let signalState: UnsafeMutablePointer<SignalState> = {
  let pointer = UnsafeMutablePointer<SignalState>.allocate(capacity: 1)
  pointer.initialize(to: SignalState())
  return pointer
}()

/// The farewell written when Ctrl-C or a termination signal ends the session.
nonisolated(unsafe) let farewell: (leave: UnsafeMutablePointer<CChar>, saved: UnsafeMutablePointer<CChar>) = {
  (strdup("\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l")!, strdup("\nprogress saved\n")!)
}()

/// Ends the process after a signal: restores the terminal, says the progress is saved
/// (every answer was committed before its next prompt was shown), and exits 130 for
/// Ctrl-C or 128 + the signal for the others. Only async-signal-safe calls.
private func terminate(_ signal: Int32) {
  let state = signalState
  if state.pointee.hasOriginal != 0 { _ = tcsetattr(0, TCSANOW, &state.pointee.original) }
  if state.pointee.alternateScreen != 0 { _ = write(1, farewell.leave, strlen(farewell.leave)) }
  if signal != SIGHUP { _ = write(1, farewell.saved, strlen(farewell.saved)) }
  _exit(signal == SIGINT ? 130 : 128 + signal)
}

private func resized(_ signal: Int32) {
  signalState.pointee.resized = 1
}

/// Installs the handlers: Ctrl-C, SIGTERM and SIGHUP end the session cleanly; SIGWINCH
/// asks for a redraw; SIGPIPE is ignored (a closed output is treated as end of input).
enum Signals {
  static func install() {
    _ = signalState
    _ = farewell
    signal(SIGINT, terminate)
    signal(SIGTERM, terminate)
    signal(SIGHUP, terminate)
    signal(SIGWINCH, resized)
    signal(SIGPIPE, SIG_IGN)
    // A parent may have started us with these blocked; they must reach the handlers.
    var handled = sigset_t()
    sigemptyset(&handled)
    for number in [SIGINT, SIGTERM, SIGHUP, SIGWINCH] { sigaddset(&handled, number) }
    sigprocmask(SIG_UNBLOCK, &handled, nil)
  }

  /// Runs `body` with SIGINT, SIGTERM and SIGHUP blocked; any that arrived are handled
  /// when it returns.
  static func deferring<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
    var blocked = sigset_t()
    var previous = sigset_t()
    sigemptyset(&blocked)
    sigaddset(&blocked, SIGINT)
    sigaddset(&blocked, SIGTERM)
    sigaddset(&blocked, SIGHUP)
    sigprocmask(SIG_BLOCK, &blocked, &previous)
    defer { sigprocmask(SIG_SETMASK, &previous, nil) }
    return try body()
  }

  /// Whether the terminal was resized since the last call.
  static func takeResize() -> Bool {
    guard signalState.pointee.resized != 0 else { return false }
    signalState.pointee.resized = 0
    return true
  }
}
