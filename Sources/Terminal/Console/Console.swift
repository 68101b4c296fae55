/// A key pressed on a terminal.
public enum Key: Sendable, Hashable {
  case enter, space, backspace, escape, tab, backTab, delete
  case up, down, left, right, pageUp, pageDown, home, end
  case character(Character)
  /// A control key that edits a line: Ctrl-A, Ctrl-E, Ctrl-K, Ctrl-U, Ctrl-W (by letter).
  case control(Character)
  /// Ctrl-C, or a signal that asked the session to stop.
  case interrupt
  /// Ctrl-D, or the terminal went away.
  case endOfInput
  /// The terminal changed size: redraw.
  case resize
  /// A key that means nothing here.
  case other
}

/// A line read from the employee.
public enum LineInput: Sendable, Hashable {
  /// The text, without its line end; bytes that are not UTF-8 become U+FFFD.
  case text(String)
  /// Ctrl-D on an empty line, end of input, or the terminal went away.
  case endOfInput
  /// Ctrl-C, or a signal that asked the session to stop.
  case interrupt
}

/// Where the runner reads and writes: a terminal, a pipe, or a script in tests.
public protocol Console: AnyObject {
  /// Whether this is a terminal (keys, colour, screen control) rather than a pipe.
  var isInteractive: Bool { get }
  /// Columns and rows.
  var size: (width: Int, height: Int) { get }
  /// Whether output may carry ANSI colour and styles.
  var usesColor: Bool { get }
  /// Whether the screen can be cleared and redrawn (a terminal whose `TERM` is not `dumb`).
  var controlsScreen: Bool { get }
  /// The signal that asked the session to stop (SIGINT, SIGTERM, SIGHUP), once one did.
  var stopSignal: Int32? { get }
  /// Writes text as it is.
  func write(_ text: String)
  /// Clears the screen (terminals that control the screen only).
  func clearScreen()
  /// Reads one line.
  func readLine() -> LineInput
  /// Reads one line at a prompt without showing it (a passphrase): `view` draws the
  /// prompt alone. Consoles that show nothing as it is typed anyway (pipes, scripts) read
  /// it as ``readLine()``.
  func readSecret(view: PromptView) -> LineInput
  /// Reads one key (terminals only; pipes read a line and report Enter). Replies the
  /// terminal sends on its own (a cursor position, a colour, a title) and escape
  /// sequences that are no key are dropped, never returned.
  func readKey() -> Key
  /// Whether more input is already waiting (a paste still arriving): a screen need not
  /// be drawn until it has been read.
  var hasPendingInput: Bool { get }
  /// Reads one line at a prompt, editing `line` in place, until Enter or a key the
  /// caller handles (the arrow keys, page keys, Esc, space in a list, a resize).
  /// `view` says how the prompt and the line are drawn.
  func editLine(_ line: inout LineEditor, view: PromptView) -> PromptEvent
  /// Puts the terminal back as it was.
  func restore()
}

extension Console {
  public func readSecret(view: PromptView) -> LineInput { readLine() }

  func writeLine(_ text: String = "") { write(text + "\n") }
}

/// What a prompt's line editing stopped for.
public enum PromptEvent: Sendable, Hashable {
  /// Enter: the line as typed.
  case submit(String)
  /// Ctrl-D on an empty line, end of input, or the terminal went away.
  case endOfInput
  /// Ctrl-C, or a signal that asked the session to stop.
  case interrupt
  /// The terminal changed size: redraw.
  case resize
  /// A key the line does not take: up, down, page up, page down, Esc, Tab, or space
  /// while a list item is highlighted (``LineEditor/spaceIsKey``).
  case key(Key)
}

extension Console {
  /// Consoles without line editing of their own (pipes, scripts) read a whole line.
  public func editLine(_ line: inout LineEditor, view: PromptView) -> PromptEvent {
    switch readLine() {
    case .text(let text):
      line = LineEditor(text)
      return .submit(text)
    case .endOfInput: return .endOfInput
    case .interrupt: return .interrupt
    }
  }

  public var hasPendingInput: Bool { false }
}
