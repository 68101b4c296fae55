#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The console for a terminal: raw mode for single keys (restored after each key, on
/// exit and on signals), the terminal's own line editing for answers, the alternate
/// screen so the employee's shell is left as it was.
public final class TerminalConsole: Console {
  public let usesColor: Bool
  public let controlsScreen: Bool
  private var pending: [UInt8] = []

  /// - Parameters:
  ///   - usesColor: Colour and styles (a TTY, `TERM` not `dumb`, `NO_COLOR` unset).
  ///   - controlsScreen: Clear and redraw (`TERM` not `dumb`).
  public init(usesColor: Bool, controlsScreen: Bool) {
    self.usesColor = usesColor
    self.controlsScreen = controlsScreen
    Signals.install()
    if tcgetattr(0, &signalState.pointee.original) == 0 { signalState.pointee.hasOriginal = 1 }
    if controlsScreen {
      write("\u{1B}[?1049h")
      signalState.pointee.alternateScreen = 1
    }
  }

  public var isInteractive: Bool { true }

  public var size: (width: Int, height: Int) {
    var window = winsize()
    if ioctl(1, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 {
      return (Int(window.ws_col), Int(window.ws_row))
    }
    return (80, 24)
  }

  public func write(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeMutableBytes { posixWrite(1, $0.baseAddress! + offset, $0.count - offset) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return }
      offset += n
    }
    bytes.removeAll()
  }

  public func clearScreen() {
    if controlsScreen { write("\u{1B}[H\u{1B}[2J") }
  }

  public func restore() {
    if signalState.pointee.hasOriginal != 0 { tcsetattr(0, TCSANOW, &signalState.pointee.original) }
    if signalState.pointee.alternateScreen != 0 {
      write("\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l")
      signalState.pointee.alternateScreen = 0
    }
  }

  public var stopSignal: Int32? { Signals.stopSignal }

  // MARK: - Lines

  /// Reads a line with the terminal's own editing (backspace, Ctrl-U, UTF-8 aware).
  /// Ctrl-C ends the process through the signal handler; Ctrl-D on an empty line is end
  /// of input; Ctrl-D after text ends the line.
  public func readLine() -> LineInput { readLine(echo: true) }

  /// Reads a line as ``readLine()`` does, without echoing what is typed (a passphrase);
  /// the line end, which the terminal does not show either, is written after it.
  public func readSecret() -> LineInput {
    let line = readLine(echo: false)
    write("\n")
    return line
  }

  private func readLine(echo: Bool) -> LineInput {
    var mode = signalState.pointee.original
    mode.c_lflag |= tcflag_t(ICANON | ECHOE | ISIG)
    if echo { mode.c_lflag |= tcflag_t(ECHO) } else { mode.c_lflag &= ~tcflag_t(ECHO) }
    #if os(Linux)
      mode.c_iflag |= tcflag_t(IUTF8)
    #endif
    tcsetattr(0, TCSANOW, &mode)
    if controlsScreen { write("\u{1B}[?25h") }
    if let newline = pending.firstIndex(of: 0x0A) {
      let line = Array(pending[..<newline])
      pending = Array(pending[(newline + 1)...])
      return .text(PipeConsole.decode(line))
    }
    var line: [UInt8] = pending
    pending = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      if Signals.wait(for: 0) == .signal {
        // A resize while a line is typed needs nothing: the terminal edits the line.
        if Signals.stopSignal != nil { return .interrupt }
        _ = Signals.takeResize()
        continue
      }
      let n = chunk.withUnsafeMutableBytes { posixRead(0, $0.baseAddress!, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 {
        if line.isEmpty { return .endOfInput }
        write("\n")
        return .text(PipeConsole.decode(line))
      }
      if let newline = chunk[0..<n].firstIndex(of: 0x0A) {
        line += chunk[0..<newline]
        pending = Array(chunk[(newline + 1)..<n])
        return .text(PipeConsole.decode(line))
      }
      if line.count < PipeConsole.lineLimit { line += chunk[0..<n] }
    }
  }

  // MARK: - Keys

  public func readKey() -> Key {
    var mode = signalState.pointee.original
    mode.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
    mode.c_iflag &= ~tcflag_t(IXON | ICRNL)
    withUnsafeMutableBytes(of: &mode.c_cc) { cc in
      cc[Int(VMIN)] = 1
      cc[Int(VTIME)] = 0
    }
    tcsetattr(0, TCSANOW, &mode)
    defer { tcsetattr(0, TCSANOW, &signalState.pointee.original) }
    if controlsScreen { write("\u{1B}[?25l") }
    if !pending.isEmpty {
      let byte = pending.removeFirst()
      return key(startingWith: byte)
    }
    while true {
      if Signals.takeResize() { return .resize }
      if Signals.wait(for: 0) == .signal {
        if Signals.stopSignal != nil { return .interrupt }
        continue
      }
      var poller = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
      _ = poll(&poller, 1, 0)
      if poller.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 && poller.revents & Int16(POLLIN) == 0 {
        return .endOfInput
      }
      guard let byte = readByte(timeout: -1) else { return .endOfInput }
      return key(startingWith: byte)
    }
  }

  private func readByte(timeout: Int32) -> UInt8? {
    if timeout >= 0 {
      var poller = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, timeout) > 0 else { return nil }
    }
    var byte: UInt8 = 0
    while true {
      let n = posixRead(0, &byte, 1)
      if n < 0 && errno == EINTR { continue }
      return n == 1 ? byte : nil
    }
  }

  private func key(startingWith byte: UInt8) -> Key {
    switch byte {
    case 0x0D, 0x0A: return .enter
    case 0x20: return .space
    case 0x03: return .interrupt
    case 0x04: return .endOfInput
    case 0x7F, 0x08: return .backspace
    case 0x1B: return escapeSequence()
    case 0x00..<0x20: return .other
    default:
      var bytes = [byte]
      let expected = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
      while bytes.count < expected, let next = readByte(timeout: 50) { bytes.append(next) }
      let text = String(decoding: bytes, as: UTF8.self)
      return text.first.map { .character($0) } ?? .other
    }
  }

  private func escapeSequence() -> Key {
    guard let first = readByte(timeout: 30) else { return .escape }
    guard first == UInt8(ascii: "[") || first == UInt8(ascii: "O") else { return .escape }
    var body: [UInt8] = []
    while let next = readByte(timeout: 30) {
      body.append(next)
      if (0x40...0x7E).contains(next) { break }
    }
    switch String(decoding: body, as: UTF8.self) {
    case "A": return .up
    case "B": return .down
    case "C": return .right
    case "D": return .left
    case "5~": return .pageUp
    case "6~": return .pageDown
    default: return .other
    }
  }
}
