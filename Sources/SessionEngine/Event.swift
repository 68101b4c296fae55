import LearnerModel

/// Something that happened at the front end.
public enum Event: Sendable, Hashable {
  /// A line (or several, joined by newlines, at a `lines` prompt) was typed. A line that
  /// is a command (`/m`, `/h`, `/a`, `q`, `?` ...) is understood as one.
  case line(String)
  /// At a reflection: the lines typed so far, kept in the bookmark so that Ctrl-C, a
  /// closed terminal or a crash loses none of them.
  case draft(String)
  /// At a reflection: more was written than the limit allows. `kept` is what fits (whole
  /// lines), `over` how many characters did not.
  case tooLong(kept: String, over: Int)
  /// Enter or space on a key screen.
  case next
  /// b on a page.
  case back
  /// A lesson page turned: where the new page opens.
  case page(PagePosition)
  /// ? on a key screen.
  case help
  /// h on a key screen: the course home.
  case home
  /// m on a key screen: the outline of the module on the screen.
  case outline
  /// a on an outline: the employee's own answers in the module.
  case answers
  /// q, Ctrl-C, Ctrl-D or end of input.
  case quit
}
