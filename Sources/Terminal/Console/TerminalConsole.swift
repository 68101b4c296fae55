#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The console for a terminal: raw mode from the first key until the session ends (put
/// back on exit and on signals), single keys, coach's own line editing at prompts, the
/// alternate screen so the employee's shell is left as it was.
///
/// Input is read in large chunks and decoded by ``KeyDecoder``, so a paste of many lines
/// is read in linear time, and replies the terminal sends on its own are dropped.
public final class TerminalConsole: Console {
  public let usesColor: Bool
  public let controlsScreen: Bool
  /// Bytes read and not decoded yet, from `start`.
  private var input: [UInt8] = []
  private var start = 0
  private var atEnd = false
  private var isRaw = false

  /// - Parameters:
  ///   - usesColor: Colour and styles (a TTY, `TERM` not `dumb`, `NO_COLOR` unset).
  ///   - controlsScreen: Clear and redraw (`TERM` not `dumb`).
  public init(usesColor: Bool, controlsScreen: Bool) {
    self.usesColor = usesColor
    self.controlsScreen = controlsScreen
    Signals.install()
    if tcgetattr(0, &signalState.pointee.original) == 0 { signalState.pointee.hasOriginal = 1 }
    // Raw from the start: a key pressed before the first prompt is ready is read as a
    // key, never echoed or held by the terminal's own line editing.
    enterRaw()
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
    isRaw = false
    if signalState.pointee.alternateScreen != 0 {
      write("\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l")
      signalState.pointee.alternateScreen = 0
    }
  }

  public var stopSignal: Int32? { Signals.stopSignal }

  // MARK: - Keys

  /// Raw mode: no echo and no line editing by the terminal, for the whole session. Ctrl-C
  /// still sends SIGINT (the handler asks the loop to stop between writes, and a second
  /// one ends a session stuck on a store at once); Ctrl-Z and Ctrl-\ send nothing.
  private func enterRaw() {
    guard !isRaw, signalState.pointee.hasOriginal != 0 else { return }
    var mode = signalState.pointee.original
    mode.c_lflag &= ~tcflag_t(ICANON | ECHO | IEXTEN)
    mode.c_lflag |= tcflag_t(ISIG)
    mode.c_iflag &= ~tcflag_t(IXON | ICRNL | INLCR)
    #if os(Linux)
      let disabled: cc_t = 0
    #else
      let disabled: cc_t = 0xFF
    #endif
    withUnsafeMutableBytes(of: &mode.c_cc) { cc in
      cc[Int(VMIN)] = 1
      cc[Int(VTIME)] = 0
      cc[Int(VSUSP)] = disabled
      cc[Int(VQUIT)] = disabled
    }
    tcsetattr(0, TCSANOW, &mode)
    isRaw = true
  }

  public func readKey() -> Key {
    enterRaw()
    if controlsScreen { write("\u{1B}[?25l") }
    return nextKey()
  }

  public var hasPendingInput: Bool {
    if start < input.count { return true }
    var poller = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
    return poll(&poller, 1, 0) > 0 && poller.revents & Int16(POLLIN) != 0
  }

  /// The next key, waiting for input (or a signal) as long as it takes.
  private func nextKey() -> Key {
    while true {
      if Signals.takeResize() { return .resize }
      if let key = decodedKey() { return key }
      if atEnd { return .endOfInput }
      if Signals.wait(for: 0) == .signal {
        if Signals.stopSignal != nil { return .interrupt }
        continue
      }
      fill(timeout: 0)
    }
  }

  /// Decodes the next key from what was read, dropping replies and unknown sequences; a
  /// sequence cut short waits a moment for its end. `nil` when nothing is left to decode.
  private func decodedKey() -> Key? {
    while start < input.count {
      var decoded = KeyDecoder.decode(input[start...], final: atEnd)
      if decoded == .incomplete {
        // An Esc alone, or the first bytes of a sequence: the rest follows within
        // milliseconds if it comes at all.
        let before = input.count
        fill(timeout: 40)
        if input.count == before { decoded = KeyDecoder.decode(input[start...], final: true) }
      }
      switch decoded {
      case .key(let key, let length):
        consume(length)
        return key
      case .ignored(let length): consume(length)
      case .incomplete: continue
      }
    }
    return nil
  }

  private func consume(_ length: Int) {
    start += length
    if start >= input.count {
      input.removeAll(keepingCapacity: true)
      start = 0
    }
  }

  /// Reads what is there (waiting up to `timeout` ms for it when `timeout` > 0).
  private func fill(timeout: Int32) {
    var poller = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
    guard poll(&poller, 1, timeout) > 0 else { return }
    if poller.revents & Int16(POLLIN) == 0 && poller.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
      atEnd = true
      return
    }
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let n = chunk.withUnsafeMutableBytes { posixRead(0, $0.baseAddress!, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 {
        atEnd = true
        return
      }
      if start > 0 && start == input.count {
        input.removeAll(keepingCapacity: true)
        start = 0
      }
      input += chunk[0..<n]
      return
    }
  }

  // MARK: - Lines

  /// Edits a line at a prompt: coach's own editing in raw mode, so resizes redraw, the
  /// arrow keys move in lists, and nothing but text is ever typed into the answer.
  public func editLine(_ line: inout LineEditor, view: PromptView) -> PromptEvent {
    enterRaw()
    // While a paste is still arriving, nothing is drawn until it has been read.
    if !hasPendingInput {
      draw(line, view)
      if controlsScreen { write("\u{1B}[?25h") }
    }
    while true {
      // Plain ASCII text already read (typing ahead, a paste) goes in as one run.
      if insertTyped(into: &line) {
        if !hasPendingInput {
          draw(line, view)
          if controlsScreen { write("\u{1B}[?25h") }
        }
        continue
      }
      let key = nextKey()
      if key == .resize { return .resize }
      switch line.apply(key) {
      case .edited:
        if !hasPendingInput {
          draw(line, view)
          if controlsScreen { write("\u{1B}[?25h") }
        }
      case .unchanged: continue
      case .submit: return .submit(line.text)
      case .endOfInput: return .endOfInput
      case .interrupt: return .interrupt
      case .key(let key): return .key(key)
      }
    }
  }

  /// Inserts the printable ASCII bytes at the front of what was read (not a space a list
  /// takes, not a menu's letter on an empty line); whether there were any.
  private func insertTyped(into line: inout LineEditor) -> Bool {
    var end = start
    while end < input.count, (0x21...0x7E).contains(input[end]) || (input[end] == 0x20 && !line.spaceIsKey) {
      end += 1
    }
    guard end > start else { return false }
    if line.isEmpty, !line.instantKeys.isEmpty,
      line.instantKeys.contains(Character(Unicode.Scalar(input[start])))
    {
      return false
    }
    let text = String(decoding: input[start..<end], as: UTF8.self)
    consume(end - start)
    line.insert(text)
    return true
  }

  /// Reads a line with coach's editing and no prompt.
  public func readLine() -> LineInput {
    var line = LineEditor()
    while true {
      switch editLine(&line, view: PromptView(prefix: "", prefixWidth: 0, width: size.width)) {
      case .submit(let text): return .text(text)
      case .endOfInput: return .endOfInput
      case .interrupt: return .interrupt
      case .resize, .key: continue
      }
    }
  }

  /// Reads a line at a prompt as ``readLine()`` does, showing nothing of what is typed
  /// (a passphrase): the prompt stays as it is, the cursor after it.
  public func readSecret(view: PromptView) -> LineInput {
    var line = LineEditor()
    var hidden = view
    hidden.hidesText = true
    while true {
      switch editLine(&line, view: hidden) {
      case .submit(let text): return .text(text)
      case .endOfInput: return .endOfInput
      case .interrupt: return .interrupt
      case .resize, .key: continue
      }
    }
  }

  private func draw(_ line: LineEditor, _ view: PromptView) {
    let (row, cursor) = view.row(line)
    write("\r" + row + "\u{1B}[0m\u{1B}[K\r" + (cursor > 0 ? "\u{1B}[\(cursor)C" : ""))
  }
}
