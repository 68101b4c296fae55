import CourseModel
import CourseProgress
import Foundation
import LearnerModel

/// Taking answers: parse, grade, record, move on.
extension Session {
  // MARK: - Drill questions

  /// The display order of a question's choices, order items or match right sides as it
  /// is asked now: element `d` is the original index shown at position `d`.
  ///
  /// A question asked again (in a retry round) is reshuffled: never in the order of the
  /// round before, and a single-choice question's right answer never under the same
  /// number, so a retry is passed by knowing the answer, not by elimination.
  public func layout(_ question: Question) -> [Int] {
    layout(question, round: standing.ledger.scores[question.id]?.count ?? 0)
  }

  /// The display order in round `round` (0: the first time the question is asked).
  func layout(_ question: Question, round: Int) -> [Int] {
    let count: Int
    var avoidIdentity = true
    var right: Int?
    switch question.body {
    case .choice(let choices):
      count = choices.count
      avoidIdentity = false
      if question.kind == .single { right = choices.firstIndex { $0.isCorrect } }
    case .order(let items): count = items.count
    case .match(let pairs): count = pairs.count
    case .short: return []
    }
    var order = Shuffle.permutation(
      count: count, seed: options.seed, key: question.id, avoidIdentity: avoidIdentity)
    guard count > 1, round > 0 else { return order }
    for r in 1...round {
      let previous = order
      order = Shuffle.permutation(
        count: count, seed: options.seed, key: "\(question.id)#\(r)", avoidIdentity: avoidIdentity)
      if order == previous {
        // Another order: the first rotation, or else swap of neighbours, that is not the
        // order as written when that must be avoided.
        let identity = Array(0..<count)
        let rotations = (1..<count).map { Array(order[$0...] + order[..<$0]) }
        let swaps = (0..<count - 1).map { i -> [Int] in
          var swapped = order
          swapped.swapAt(i, i + 1)
          return swapped
        }
        if let other = (rotations + swaps).first(where: { !(avoidIdentity && $0 == identity) }) {
          order = other
        }
      }
      if let right, let at = order.firstIndex(of: right), at == previous.firstIndex(of: right) {
        order.swapAt(at, (at + 1) % count)
      }
    }
    return order
  }

  static func answerKind(_ question: Question) -> AnswerKind {
    switch question.body {
    case .choice(let choices):
      question.kind == .single ? .single(count: choices.count) : .multiple(count: choices.count)
    case .short: .text(limit: 500, optional: false)
    case .order(let items): .order(count: items.count)
    case .match(let pairs): .match(count: pairs.count)
    }
  }

  mutating func answerQuestion(_ index: Int, retry: Bool, hints: Int, _ text: String, at now: Date)
    -> [Effect]
  {
    let step = steps[index]
    guard let question = plan.question(step) else { return [] }
    var handled: [Effect] = []
    // A short answer that is right is an answer, even when it reads like a command ('h').
    let rightShortAnswer: ParsedAnswer? =
      if case .short(let accepted) = question.body, accepted.contains(where: { Grader.matches(text, $0) }) {
        .text(text.trimmed)
      } else {
        nil
      }
    guard
      let parsed = rightShortAnswer
        ?? typedAnswer(text, as: Self.answerKind(question), at: now, handled: &handled)
    else {
      return handled
    }
    let perm = layout(question)
    let answer: DrillAnswer
    switch (question.body, parsed) {
    case (_, .hint):
      if hints < question.hints.count {
        state = .question(index, retry: retry, hints: hints + 1)
      } else {
        notice =
          question.hints.isEmpty
          ? "This question has no hint: give it your best try (you can try again if you miss it)."
          : "That was the last hint for this question."
      }
      return []
    case (.choice, .numbers(let list)): answer = .choices(Set(list.map { perm[$0] }))
    case (.order, .numbers(let list)): answer = .order(list.map { perm[$0] })
    case (.match, .pairs(let pairs)): answer = .match(pairs.mapValues { perm[$0] })
    case (.short, .text(let typed)): answer = .text(typed)
    default:
      notice = AnswerParser.expectation(Self.answerKind(question))
      return []
    }
    let score = Grader.score(question, answer)
    let response = Self.describe(answer, of: question)
    let attempt = DrillAttempt(
      employee: employee.id, item: plan.itemRef(step, itemID: question.id), itemHash: question.contentHash,
      keyHash: question.answerKeyHash, response: response, score: score, correct: score >= 1 - 1e-9,
      sessionID: options.sessionID, at: now)
    standing.ledger.add(attempt)
    let pass = newPass(near: index, at: now)
    if let pass { standing.ledger.add(pass) }

    // The bookmark stored with the answer points where the session goes next.
    let result = plan.resultIndex(near: index)
    let next: (Int, StepDetail)
    if retry, let missed = nextMissed(from: questionNumber(index) + 1, near: index) {
      next = (missed, .retry)
    } else if retry, let result {
      next = (result, .none)
    } else {
      next = (forward(from: index + 1, showingResultOf: result), .none)
    }
    let bookmark = bookmarkForRecord(next: next.0, next.1, at: now)
    let shown: String
    switch parsed {
    case .numbers(let list): shown = list.map { String($0 + 1) }.joined(separator: " ")
    case .pairs(let pairs):
      shown = pairs.keys.sorted().map { "\($0 + 1)\(MatchParser.letter(pairs[$0]!))" }.joined(separator: " ")
    default: shown = response
    }
    state = .feedback(index, retry: retry, Feedback(score: score, answer: answer, layout: perm, shown: shown))
    return [.recordAttempt(attempt, bookmark, pass: pass)]
  }

  /// The pass to record when the answer just added passes the drill of step `index` as
  /// it is now, at its pass mark now, and no pass of that version at that mark is kept.
  func newPass(near index: Int, at now: Date) -> DrillPass? {
    let drill = standing.drill(near: index)
    guard drill.passedNow, let best = drill.best else { return nil }
    let step = steps[index]
    let module = plan.module(step)
    let section = plan.section(step)?.id ?? ""
    let version = ContentHash.drill(plan.drillQuestions(step))
    let kept = standing.ledger.passes(module: module.id, section: section).contains {
      $0.drillHash == version && $0.passMark == module.pass
    }
    guard !kept else { return nil }
    return DrillPass(
      employee: employee.id, courseID: plan.course.id, moduleID: module.id, sectionID: section,
      drillHash: version, passMark: module.pass, score: min(max(best, 0), 1), sessionID: options.sessionID,
      at: now)
  }

  /// The answer as text for the record, independent of the shuffle.
  static func describe(_ answer: DrillAnswer, of question: Question) -> String {
    switch (question.body, answer) {
    case (.choice(let choices), .choices(let set)):
      return set.sorted().map { choices[$0].text }.joined(separator: " | ")
    case (.order(let items), .order(let order)):
      return order.map { items[$0] }.joined(separator: " > ")
    case (.match(let pairs), .match(let given)):
      return pairs.indices.map { "\(pairs[$0].left) -> \(given[$0].map { pairs[$0].right } ?? "")" }
        .joined(separator: "; ")
    case (_, .text(let text)):
      return text
    default:
      return ""
    }
  }

  // MARK: - Beliefs

  static func answerKind(_ item: BeliefItem) -> AnswerKind {
    switch item.body {
    case .agree: .point(count: BeliefItem.agreeLabels.count)
    case .rate(let labels): .point(count: labels.count)
    case .reflect: .lines(limit: reflectionLimit)
    case .rank(let items): .order(count: items.count)
    }
  }

  mutating func answerBelief(_ index: Int, _ text: String, at now: Date) -> [Effect] {
    guard let item = plan.belief(steps[index]) else { return [] }
    var handled: [Effect] = []
    guard let answer = typedAnswer(text, as: Self.answerKind(item), at: now, handled: &handled) else {
      return handled
    }
    switch answer {
    case .hint:
      notice = "There is no hint here: there is no right or wrong answer, only yours."
      return []
    case .skip where item.kind == .reflect:
      // Kept as a reflection with no text: done for the course, and nothing to share.
      reflectionDraft = ""
      let effects = recordBelief(index, .text(""), shared: false, at: now)
      notice = "Left out. To write it later, open this section from the module outline (/m)."
      return effects
    case .point(let point):
      return recordBelief(index, .point(point + 1), shared: false, at: now)
    case .numbers(let order):
      guard case .rank(let items) = item.body else { return [] }
      return recordBelief(index, .order(order.map { items[$0] }), shared: false, at: now)
    case .text(let reflection):
      // Held in the bookmark until the employee says whether to share it, so a
      // reflection is never lost to a closed terminal.
      reflectionDraft = ""
      state = .share(index, draft: reflection)
      return moveBookmark(index, .share(reflection), at: now)
    default:
      notice = AnswerParser.expectation(Self.answerKind(item))
      return []
    }
  }

  /// Keeps the lines of a reflection typed so far in the bookmark (at a reflection
  /// only; at most the limit).
  mutating func keepDraft(_ text: String, at now: Date) -> [Effect] {
    guard case .belief(let index) = state, plan.belief(steps[index])?.kind == .reflect else { return [] }
    let (fits, _) = Self.fitting(text, limit: Self.reflectionLimit)
    guard fits != reflectionDraft else { return [] }
    reflectionDraft = fits
    return moveBookmark(index, fits.isEmpty ? .none : .draft(fits), at: now)
  }

  mutating func answerShare(_ index: Int, draft: String, _ text: String, at now: Date) -> [Effect] {
    var handled: [Effect] = []
    guard let answer = typedAnswer(text, as: .yesNo(default: false), at: now, handled: &handled) else {
      return handled
    }
    switch answer {
    case .yes(let share):
      return recordBelief(index, .text(draft), shared: share, at: now)
    default:
      notice = AnswerParser.expectation(.yesNo(default: false))
      return []
    }
  }

  mutating func recordBelief(_ index: Int, _ answer: BeliefAnswer, shared: Bool, at now: Date) -> [Effect] {
    let step = steps[index]
    guard let item = plan.belief(step) else { return [] }
    let ref = plan.itemRef(step, itemID: item.id)
    let earlier = standing.ledger.beliefsByItem[item.id]?.last {
      $0.item.moduleID != ref.moduleID || $0.item.sectionID != ref.sectionID
    }
    let kind: BeliefResponse.Kind
    switch item.kind {
    case .agree: kind = .agree
    case .rate: kind = .rate
    case .reflect: kind = .reflect
    case .rank: kind = .rank
    }
    let response = BeliefResponse(
      employee: employee.id, item: ref, kind: kind, itemHash: item.contentHash, scaleHash: item.scaleHash,
      answer: answer, shared: shared, sessionID: options.sessionID, at: now)
    standing.ledger.add(response)
    let bookmark = bookmarkForRecord(next: forward(from: index + 1), at: now)
    var effects: [Effect] = [.recordBelief(response, bookmark)]
    // Before and after are one statement's only on the same scale.
    if let earlier, case .point = answer, case .point = earlier.answer,
      standing.ledger.sameScale(earlier, response)
    {
      state = .echo(index, earlier: earlier, now: answer)
    } else {
      effects += advance(after: index, at: now)
    }
    return effects
  }

  // MARK: - The creed

  mutating func answerStatement(_ index: Int, _ text: String, at now: Date) -> [Effect] {
    let step = steps[index]
    guard case .statement(let n) = step.kind, let creed = plan.creed(step) else { return [] }
    var handled: [Effect] = []
    guard let answer = typedAnswer(text, as: .text(limit: 5_000, optional: true), at: now, handled: &handled)
    else { return handled }
    switch answer {
    case .hint:
      notice = "Write what this statement means in your own job, or press Enter to go on."
      return []
    case .text(let note):
      let statement = creed.statements[n]
      let response = BeliefResponse(
        employee: employee.id, item: plan.itemRef(step, itemID: statement.id), kind: .statement,
        itemHash: ContentHash.of(statement.text), answer: .text(note), sessionID: options.sessionID, at: now)
      standing.ledger.add(response)
      let bookmark = bookmarkForRecord(next: forward(from: index + 1), at: now)
      return [.recordBelief(response, bookmark)] + advance(after: index, at: now)
    default:
      return []
    }
  }

  /// Words that leave the creed unsigned, now or for good: signing is an invitation.
  static let notSigning: Set<String> = ["", "n", "no", "later", "not now", "not yet", "skip", "/skip"]

  mutating func answerSignature(_ index: Int, _ text: String, at now: Date) -> [Effect] {
    let step = steps[index]
    guard let creed = plan.creed(step) else { return [] }
    // A creed signed in an earlier version invites a new signature; it never requires one.
    let invited = standing.invitesAgain(index)
    var handled: [Effect] = []
    let signing =
      "To sign, type your full name: \(employee.name); Enter "
      + (invited ? "keeps your earlier signature." : "leaves it unsigned.")
    let typed = AnswerParser.sanitize(text, keepNewlines: false).trimmed
    let isName =
      !typed.isEmpty
      && Grader.normalise(typed, punctuationAsSpace: false)
        == Grader.normalise(employee.name, punctuationAsSpace: false)
    if !isName && Self.notSigning.contains(typed.lowercased()) {
      // Not signing a new version keeps the earlier signature, for this session.
      if invited {
        declined.insert(index)
        return advance(after: index, at: now)
      }
      // The bookmark goes on past the signature: declining is an answer, and the next
      // session does not ask again (the outline still offers it).
      state = .notSigned(index)
      return moveBookmark(forward(from: index + 1), .none, at: now)
    }
    guard
      let answer = typedAnswer(
        text, as: .text(limit: 200, optional: true), at: now, handled: &handled, hintPrefix: signing)
    else { return handled }
    switch answer {
    case .text(let name):
      guard isName else {
        notice =
          "To sign, type your full name as it is on record: \(employee.name) (Enter leaves it unsigned)"
        return []
      }
      let signature = CreedSignature(
        employee: employee.id, courseID: plan.course.id, moduleID: plan.module(step).id,
        sectionID: plan.section(step)?.id ?? "", creedHash: creed.contentHash, name: name,
        sessionID: options.sessionID, at: now)
      standing.ledger.add(signature)
      let bookmark = bookmarkForRecord(next: forward(from: index + 1), at: now)
      state = .signed(index)
      return [.recordSignature(signature, bookmark)]
    default:
      notice = signing
      return []
    }
  }
}

extension Session {
  /// Parses a typed answer and handles what every prompt shares: a bad answer shows its
  /// one-line hint (after `hintPrefix`, if any), `q` quits and `?` opens the help.
  /// - Returns: the answer, or `nil` when the input was handled here (with its effects
  ///   in `handled`).
  mutating func typedAnswer(
    _ text: String, as kind: AnswerKind, at now: Date, handled: inout [Effect], hintPrefix: String? = nil
  ) -> ParsedAnswer? {
    switch AnswerParser.parse(text, as: kind) {
    case .failure(let problem):
      notice = hintPrefix.map { "\($0) (\(problem.hint))" } ?? problem.hint
      return nil
    case .success(.quit):
      handled = quit(at: now)
      return nil
    case .success(.help):
      showHelp = true
      return nil
    case .success(.outline):
      handled = goOutline()
      return nil
    case .success(.home):
      handled = goHome()
      return nil
    case .success(.answers):
      handled = goAnswers()
      return nil
    case .success(.skip) where !kind.isLines:
      notice = "There is nothing to skip here. " + AnswerParser.expectation(kind)
      return nil
    case .success(let answer):
      return answer
    }
  }
}
