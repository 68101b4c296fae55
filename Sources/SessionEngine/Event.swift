import LearnerModel

/// Something that happened at the front end.
public enum Event: Sendable, Hashable {
  /// A line (or several, joined by newlines, at a `lines` prompt) was typed.
  case line(String)
  /// At a reflection in the terminal: the lines typed so far, kept in the bookmark after
  /// each line so that Ctrl-C, a closed terminal or a crash loses none of them.
  case draft(String)
  /// Enter or space on a key screen.
  case next
  /// b on a page.
  case back
  /// A lesson page turned: where the new page opens.
  case page(PagePosition)
  /// ? on a key screen.
  case help
  /// m on a key screen: the course home.
  case home
  /// q, Ctrl-C, Ctrl-D or end of input.
  case quit
}
