#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the signal handlers need, kept where a handler may read and write it without
/// locks or allocation.
struct SignalState {
  var original = termios()
  var hasOriginal: Int32 = 0
  var alternateScreen: Int32 = 0
  var resized: sig_atomic_t = 0
  /// The signal that asked the session to stop (Ctrl-C, SIGTERM, SIGHUP), or 0.
  var stop: sig_atomic_t = 0
  /// A pipe the handlers write a byte to, so a console waiting in `poll` wakes up.
  var wakeRead: Int32 = -1
  var wakeWrite: Int32 = -1
}

nonisolated(unsafe) let signalState: UnsafeMutablePointer<SignalState> = {
  let pointer = UnsafeMutablePointer<SignalState>.allocate(capacity: 1)
  pointer.initialize(to: SignalState())
  return pointer
}()

/// What a second Ctrl-C writes before it ends the process at once.
nonisolated(unsafe) let farewell: UnsafeMutablePointer<CChar> = strdup("\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\n")!

/// Ctrl-C, SIGTERM and SIGHUP ask the session to stop; SIGWINCH asks for a redraw.
///
/// The handler only notes the signal and wakes the console: the learn loop stops at its
/// next read, so a record being written is always written whole, on whatever thread the
/// store writes it. A second stop signal while the first waits (a store that does not
/// answer, say) restores the terminal and ends the process at once; nothing committed
/// is lost either way. Only async-signal-safe calls.
private func onSignal(_ signal: Int32) {
  let state = signalState
  if signal == SIGWINCH {
    state.pointee.resized = 1
  } else {
    if state.pointee.stop != 0 {
      if state.pointee.hasOriginal != 0 { _ = tcsetattr(0, TCSANOW, &state.pointee.original) }
      if state.pointee.alternateScreen != 0 { _ = write(1, farewell, strlen(farewell)) }
      _exit(signal == SIGINT ? 130 : 128 + signal)  // check-layers: allowed (a second Ctrl-C must work)
    }
    state.pointee.stop = signal
  }
  var byte: UInt8 = 1
  _ = write(state.pointee.wakeWrite, &byte, 1)
}

/// The process's signal handling for a learning session.
enum Signals {
  /// What a wait for input ended with.
  enum Wait {
    /// The descriptor has input (or end of input) to read.
    case readable
    /// A signal arrived: see ``stopSignal`` and ``takeResize()``.
    case signal
  }

  /// Installs the handlers (once): SIGINT, SIGTERM and SIGHUP ask to stop, SIGWINCH asks
  /// for a redraw, SIGPIPE is ignored (a closed output is treated as end of input).
  static func install() {
    let state = signalState
    if state.pointee.wakeRead < 0 {
      var fds: [Int32] = [-1, -1]
      if pipe(&fds) == 0 {
        for fd in fds {
          _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
          _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        state.pointee.wakeRead = fds[0]
        state.pointee.wakeWrite = fds[1]
      }
    }
    _ = farewell
    for number in [SIGINT, SIGTERM, SIGHUP, SIGWINCH] {
      var action = sigaction()
      #if canImport(Darwin)
        action.__sigaction_u.__sa_handler = onSignal
      #else
        action.__sigaction_handler.sa_handler = onSignal
      #endif
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0  // no SA_RESTART: a blocking call returns EINTR
      sigaction(number, &action, nil)
    }
    signal(SIGPIPE, SIG_IGN)
    // A parent may have started us with these blocked; they must reach the handlers.
    var handled = sigset_t()
    sigemptyset(&handled)
    for number in [SIGINT, SIGTERM, SIGHUP, SIGWINCH] { sigaddset(&handled, number) }
    sigprocmask(SIG_UNBLOCK, &handled, nil)
  }

  /// The signal that asked the session to stop, if one did.
  static var stopSignal: Int32? {
    let stop = signalState.pointee.stop
    return stop == 0 ? nil : stop
  }

  /// Whether the terminal was resized since the last call.
  static func takeResize() -> Bool {
    guard signalState.pointee.resized != 0 else { return false }
    signalState.pointee.resized = 0
    return true
  }

  /// Waits until `fd` has input or a signal arrives (at once when one already waits).
  static func wait(for fd: Int32) -> Wait {
    let wake = signalState.pointee.wakeRead
    while true {
      if stopSignal != nil { return .signal }
      var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
      if wake >= 0 { fds.append(pollfd(fd: wake, events: Int16(POLLIN), revents: 0)) }
      let ready = poll(&fds, nfds_t(fds.count), -1)
      if ready < 0 {
        if errno == EINTR { continue }
        return .readable  // let the read itself report the problem
      }
      if fds.count > 1 && fds[1].revents != 0 {
        var sink = [UInt8](repeating: 0, count: 64)
        while read(wake, &sink, sink.count) > 0 {}
        return .signal
      }
      if fds[0].revents != 0 { return .readable }
    }
  }
}
