import CourseModel

/// A learner's answer to a drill question, in terms of the question as written (not as
/// shuffled on the screen).
public enum DrillAnswer: Sendable, Hashable {
  /// The indices of the chosen choices.
  case choices(Set<Int>)
  case text(String)
  /// The item indices in the order the learner put them.
  case order([Int])
  /// For each left side (by index), the index of the pair whose right side was chosen.
  case match([Int: Int])
}

/// Scores drill answers: 0...1, with partial credit for select-all, order and match.
public enum Grader {
  /// The score of `answer` to `question`.
  ///
  /// - Single choice: 1 for the right choice, else 0.
  /// - Select all that apply: (right picks - wrong picks) / right choices, at least 0.
  /// - Short answer: 1 when it matches an accepted answer after normalising both (case,
  ///   surrounding and repeated spaces, punctuation ignored), else 0.
  /// - Order: the share of items in their right place.
  /// - Match: the share of left sides given their right partner.
  public static func score(_ question: Question, _ answer: DrillAnswer) -> Double {
    switch (question.body, answer) {
    case (.choice(let choices), .choices(let picked)):
      let right = Set(choices.indices.filter { choices[$0].isCorrect })
      if question.kind == .single { return picked == right ? 1 : 0 }
      let hits = picked.intersection(right).count
      let misses = picked.subtracting(right).count
      return max(0, Double(hits - misses) / Double(max(right.count, 1)))
    case (.short(let accepted), .text(let text)):
      return accepted.contains { matches(text, $0) } ? 1 : 0
    case (.order(let items), .order(let given)):
      guard !items.isEmpty else { return 0 }
      let placed = given.enumerated().filter { position, index in
        index < items.count && (index == position || items[index] == items[position])
      }.count
      return Double(placed) / Double(items.count)
    case (.match(let pairs), .match(let given)):
      guard !pairs.isEmpty else { return 0 }
      let right = pairs.indices.filter { left in
        guard let chosen = given[left], chosen < pairs.count else { return false }
        return pairs[chosen].right == pairs[left].right
      }.count
      return Double(right) / Double(pairs.count)
    default:
      return 0
    }
  }

  /// Whether a short answer matches an accepted one: case, surrounding spaces, punctuation
  /// and repeated inner spaces are ignored. Punctuation is tried both dropped
  /// ("don't" = "dont") and as a space ("call/visit" = "call visit").
  public static func matches(_ typed: String, _ accepted: String) -> Bool {
    normalise(typed, punctuationAsSpace: false) == normalise(accepted, punctuationAsSpace: false)
      || normalise(typed, punctuationAsSpace: true) == normalise(accepted, punctuationAsSpace: true)
  }

  static func normalise(_ text: String, punctuationAsSpace: Bool) -> String {
    var out = ""
    for scalar in text.lowercased().unicodeScalars {
      switch scalar.properties.generalCategory {
      case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
        .initialPunctuation, .finalPunctuation, .otherPunctuation:
        if punctuationAsSpace { out.append(" ") }
      default:
        out.unicodeScalars.append(scalar.properties.isWhitespace ? " " : scalar)
      }
    }
    return out.split(separator: " ").joined(separator: " ")
  }
}
