/// The help shown when the employee presses `?` (front ends show it at their own prompts too).
public enum Help {
  public static func lines(for input: Screen.Input, screen: Screen.Kind) -> [String] {
    switch input {
    case .keys(let back):
      var lines = ["Enter or space: next"]
      if back { lines.append("b: back a page") }
      lines += [
        "m: the course home (every module and your progress)",
        "q: save and quit. Everything you answered is already saved; next time you start here.",
        "?: show or hide this help",
      ]
      return lines
    case .line, .lines:
      if screen == .home {
        return [
          "Press Enter to continue where you left off.",
          "Type a module's number and press Enter to open it.",
          "q: save and quit.",
        ]
      }
      return [
        "Type your answer, then press Enter.",
        "One choice: its number, e.g. 2. Several: numbers with spaces, e.g. 1 3.",
        "Order and rank: every number, first to last, e.g. 3 1 2. Match: a letter for each number, e.g. 1b 2a.",
        "h: a hint (drill questions, before you answer).",
        "q: save and quit. Every answer is saved the moment you give it; next time you start here.",
      ]
    case .none:
      return []
    }
  }
}
