/// The help shown when the employee presses `?` (front ends show it at their own prompts too).
public enum Help {
  /// What a typed line can be besides an answer: the same at every prompt.
  public static let commands =
    "A line you type is your answer. Only lines starting with / are commands: /m this module's outline, "
    + "/h the course home, /a your answers in this module, /q save and quit, /? this help."

  /// The commands at a prompt in a review (`coach review`).
  public static let reviewCommands =
    "A line you type is your answer. Only lines starting with / are commands: /h end the review, "
    + "/q save and quit, /? this help."

  public static func lines(for input: Screen.Input, screen: Screen.Kind) -> [String] {
    switch input {
    case .keys(let back):
      var lines = ["Enter or space: next (or the next page)"]
      if back { lines.append("b: back a page") }
      lines += [
        "m: this module's outline: every part and its state; open any one from there",
        "h: the course home: every module and your progress",
        "q: save and quit. Everything you answered is already saved; next time you start here.",
        "?: show or hide this help",
      ]
      return lines
    case .line, .lines:
      switch screen {
      case .home:
        return [
          "Press Enter to continue where you left off.",
          "Type a module's number (or move to it with the arrow keys) and press Enter to see its outline.",
          "m: the outline of the module you are in. a: your answers there. q: save and quit.",
        ]
      case .setup:
        return [
          "Type your answer, then press Enter.",
          "In a list, type the number of your choice (or move to it with the arrow keys).",
          "q: quit. What you have told coach so far is kept.",
        ]
      case .outline:
        return [
          "Press Enter to continue in this module.",
          "Type a part's number (or move to it with the arrow keys) and press Enter to open it.",
          "a: your answers in this module. h: the course home. q: save and quit.",
        ]
      case .belief where input == .lines(prompt: "reflection: end with an empty line"):
        return [
          "Write your reflection, line by line; an empty line (or Ctrl-D) finishes it.",
          "/skip: leave it out. /cut: remove the last line. /clear: start again.",
          commands,
          "Your lines are kept as you type them: close the terminal and they are still there next time.",
        ]
      default:
        return [
          "Type your answer, then press Enter.",
          "One choice: its number, e.g. 2. Several: numbers with spaces, e.g. 1 3.",
          "Order and rank: every number, first to last, e.g. 3 1 2. Match: a letter for each number, e.g. 1b 2a.",
          "On a terminal, the arrow keys move in a list; space adds or removes a number where several are asked.",
          "h: a hint (drill questions, before you answer). q: save and quit.",
          commands,
          "Every answer is saved the moment you give it; next time you start here.",
        ]
      }
    case .none:
      return []
    }
  }
}
