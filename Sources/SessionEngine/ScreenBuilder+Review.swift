import CourseModel
import CourseProgress

/// The screen after a drill answer: whether it was right, and, after a miss, what was
/// right, as a quiz review shows it: every choice with what was chosen and what is
/// right, the missing and the extra ones, the right order, the right pairs.
extension ScreenBuilder {
  func feedbackScreen(_ index: Int, retry: Bool, _ feedback: Session.Feedback) -> Screen {
    guard let question = plan.question(steps[index]) else { return Screen(kind: .feedback, input: .none) }
    let right = feedback.score >= 1 - 1e-9
    let verdict: String
    var parts: [Screen.Part] = [.text(question.prompt, .dim), .blank]
    // A question of several parts says how many were right, not only a percentage.
    let counted = Self.partsRight(question, feedback.answer)
    if right {
      verdict = "Right."
      parts.append(.text(verdict, .good))
    } else if feedback.score > 0 {
      verdict = "Partly right: \(Self.percent(feedback.score))" + (counted.map { " (\($0))" } ?? "") + "."
      parts.append(.text(verdict, .warn))
    } else {
      verdict = "Not right" + (counted.map { " (\($0))" } ?? "") + "."
      parts.append(.text(verdict, .bad))
    }
    switch (question.body, feedback.answer) {
    case (.choice(let choices), .choices(let chosen)):
      parts += choiceReview(question, choices, chosen: chosen, layout: feedback.layout)
      // What the trainer wrote about each choice chosen, without saying "Right." twice.
      let commented = chosen.sorted().filter { !choices[$0].feedback.isEmpty }
      for choice in commented {
        let said = Self.withoutVerdict(choices[choice].feedback, verdict: verdict)
        let text =
          commented.count == 1 && question.kind == .single ? said : "\(choices[choice].text): \(said)"
        parts += [.blank, .text(text, .plain)]
      }
    case (.short(let accepted), .text(let typed)):
      parts.append(.text("Your answer: \(typed)", .dim))
      if !right, let first = accepted.first {
        let others = accepted.dropFirst()
        parts.append(
          .text(
            "The answer: \(first)"
              + (others.isEmpty ? "" : " (also accepted: \(others.joined(separator: ", ")))"),
            .accent))
      }
    case (.order(let items), .order(let given)):
      parts.append(.text("Your answer: \(feedback.shown)", .dim))
      if !right {
        parts.append(.text("The right order:", .plain))
        parts.append(
          .reviewed(
            items.indices.map { i in
              let placed = i < given.count && (given[i] == i || items[given[i]] == items[i])
              let at = given.firstIndex(of: i)
              return Screen.Review(
                items[i], .placed(given: placed ? nil : at.map { Self.ordinal($0 + 1) } ?? "it nowhere"))
            }))
      }
    case (.match(let pairs), .match(let given)):
      parts.append(.text("Your answer: \(feedback.shown)", .dim))
      if !right {
        parts.append(.text("The right pairs:", .plain))
        parts.append(
          .reviewed(
            pairs.indices.map { left in
              let chosen = given[left].map { pairs[$0].right }
              let isRight = chosen == pairs[left].right
              return Screen.Review(
                "\(pairs[left].left) → \(pairs[left].right)",
                .placed(given: isRight ? nil : chosen.map { "\"\($0)\"" } ?? "nothing"))
            }))
      }
    default:
      parts.append(.text("Your answer: \(feedback.shown)", .dim))
    }
    if !question.explanation.isEmpty { parts += [.blank, .blocks(question.explanation)] }
    let (n, total) = count(index)
    return Screen(
      kind: .feedback, location: location(index), progress: "question \(n) of \(total)", parts: parts,
      input: .keys(back: false))
  }

  /// How many parts of a select-all, order or match answer were right, in words: "3 of 4
  /// right choices picked, 1 wrong one too", "3 of 5 in the right place", "2 of 3 pairs
  /// right". `nil` for a question of one part (one choice, a short answer).
  static func partsRight(_ question: Question, _ answer: DrillAnswer) -> String? {
    switch (question.body, answer) {
    case (.choice(let choices), .choices(let picked)) where question.kind != .single:
      let right = Set(choices.indices.filter { choices[$0].isCorrect })
      let wrong = picked.subtracting(right).count
      var text = "\(picked.intersection(right).count) of \(right.count) right choices picked"
      if wrong > 0 { text += ", \(wrong) wrong \(wrong == 1 ? "one" : "ones") too" }
      return text
    case (.order(let items), .order(let given)):
      let placed = given.enumerated().filter { position, index in
        index < items.count && position < items.count
          && (index == position || items[index] == items[position])
      }.count
      return "\(placed) of \(items.count) in the right place"
    case (.match(let pairs), .match(let given)):
      let right = pairs.indices.filter { left in
        guard let chosen = given[left], chosen < pairs.count else { return false }
        return pairs[chosen].right == pairs[left].right
      }.count
      return "\(right) of \(pairs.count) \(pairs.count == 1 ? "pair" : "pairs") right"
    default:
      return nil
    }
  }

  /// Every choice in the order it was shown, marked: chosen and right, chosen and not
  /// right, right and missed; for one right answer, the right answer.
  func choiceReview(_ question: Question, _ choices: [Question.Choice], chosen: Set<Int>, layout: [Int])
    -> [Screen.Part]
  {
    let order = layout.count == choices.count ? layout : Array(choices.indices)
    let reviews = order.map { i -> Screen.Review in
      let mark: Screen.Review.Mark
      switch (chosen.contains(i), choices[i].isCorrect) {
      case (true, true): mark = .chosenRight
      case (true, false): mark = .chosenWrong
      case (false, true): mark = question.kind == .single ? .theRightAnswer : .missed
      case (false, false): mark = .none
      }
      return Screen.Review(choices[i].text, mark)
    }
    return [.reviewed(reviews)]
  }

  /// A choice's feedback without a first word that repeats the verdict ("Right. A
  /// satisfied guest ..." after "Right." reads "A satisfied guest ...").
  static func withoutVerdict(_ feedback: String, verdict: String) -> String {
    let word = String(verdict.prefix { $0.isLetter || $0 == " " }).trimmed
    guard !word.isEmpty, feedback.lowercased().hasPrefix(word.lowercased()) else { return feedback }
    let rest = feedback.dropFirst(word.count)
    guard let mark = rest.first, ".:!,;".contains(mark) else { return feedback }
    let after = rest.dropFirst().drop { $0 == " " }
    guard let first = after.first else { return feedback }
    return first.uppercased() + after.dropFirst()
  }

  /// "1st", "2nd", "3rd", "4th" ... "11th", "21st".
  static func ordinal(_ n: Int) -> String {
    let tens = n % 100
    let suffix =
      (11...13).contains(tens) ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th"
    return "it \(n)\(suffix)"
  }
}
