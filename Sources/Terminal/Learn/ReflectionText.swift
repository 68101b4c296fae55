import SessionEngine

/// The lines of a reflection as they are typed, with its length limit kept while
/// reading: a line that would go past the limit is not kept but counted, so a paste of
/// any size is read in one pass and the learner is told how much did not fit.
struct ReflectionText {
  let limit: Int
  private(set) var lines: [String] = []
  /// Characters kept, newlines between lines included.
  private(set) var used = 0
  /// Characters typed past the limit (whole lines), not kept.
  private(set) var over = 0

  init(limit: Int?, draft: [String]) {
    self.limit = limit ?? Int.max
    for line in draft { add(line) }
  }

  var isEmpty: Bool { lines.isEmpty && over == 0 }
  var text: String { lines.joined(separator: "\n") }

  mutating func add(_ line: String) {
    let cost = line.count + (lines.isEmpty ? 0 : 1)
    if over == 0 && used + cost <= limit {
      lines.append(line)
      used += cost
    } else {
      over += cost
    }
  }

  /// Removes the last line kept (and forgets what was over).
  mutating func cut() {
    if over > 0 {
      over = 0
    } else if let last = lines.popLast() {
      used -= last.count + (lines.isEmpty ? 0 : 1)
    }
  }

  mutating func clear() {
    lines = []
    used = 0
    over = 0
  }

  /// The event that ends the reflection: the text, or what fits and how much was over.
  var finished: Event {
    over > 0 ? .tooLong(kept: text, over: over) : .line(text)
  }
}

/// Pipe-mode output: coach's own lines start with `? ` (a prompt: the next line read
/// answers it), `! ` (a hint about the answer just given) or `== ` (where the session
/// is). A line of course text, or of text read from the store, that would start the
/// same way is printed after one space, so no course can print a line that a script or
/// a screen reader takes for a prompt.
enum PipeText {
  static func escaped(_ line: String) -> String {
    if line.hasPrefix("?") || line.hasPrefix("!") || line.hasPrefix("==") { return " " + line }
    return line
  }
}
