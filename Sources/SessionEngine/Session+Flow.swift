import CourseModel
import CourseProgress
import Foundation
import LearnerModel

/// Finding the way: where to resume, what comes next, entering a step.
extension Session {
  var steps: [Step] { plan.steps }

  /// Where Continue goes: the bookmark, moved past anything already answered; else the
  /// first unfinished step of the course; else the end.
  func resumeTarget() -> (Int, StepDetail) {
    if let lastPlace, let (index, detail) = plan.locate(lastPlace), index < steps.count {
      switch detail {
      case .share where !standing.hasRecord(index), .draft where !standing.hasRecord(index):
        return (index, detail)
      case .retry:
        if let question = nextMissed(from: questionNumber(index), near: index) { return (question, .retry) }
        if let result = plan.resultIndex(near: index) { return (result, .none) }
      case .page: return (index, detail)
      default: break
      }
      let next = forward(from: index)
      if next < steps.count { return (next, .none) }
    }
    if let first = standing.firstUnfinished(where: { !declined.contains($0) }) { return (first, .none) }
    return (steps.count, .none)
  }

  /// The first step at or after `start` to show when moving forward: pages always;
  /// items only when unanswered; a drill's result when it is not passed (and the retry
  /// was not declined) or when the drill was just answered.
  func forward(from start: Int, showingResultOf result: Int? = nil) -> Int {
    var index = start
    while index < steps.count {
      switch steps[index].kind {
      case .introduction, .overview, .lesson: return index
      case .drillResult:
        if index == result || (!standing.isDone(index) && !declined.contains(index)) { return index }
      case .signature:
        // A creed never signed (asked on the way, and it may be left unsigned: then the
        // course goes on); a creed signed only in an earlier version, whose new version
        // the employee is invited to sign (once a session).
        if standing.signatures(index).isEmpty || (standing.invitesAgain(index) && !declined.contains(index)) {
          return index
        }
      default:
        // An item not answered as it is now.
        if !standing.isDone(index) { return index }
      }
      index += 1
    }
    return steps.count
  }

  /// The step of the first missed question of a drill whose number is `from` or more;
  /// `index` is any step of the drill.
  func nextMissed(from: Int, near index: Int) -> Int? {
    standing.drill(near: index).missed.first { $0 >= from }.flatMap {
      plan.index(ofQuestion: $0, near: index)
    }
  }

  /// The question number of a question step.
  func questionNumber(_ index: Int) -> Int {
    if case .question(let q) = steps[index].kind { return q }
    return 0
  }

  /// Moves on from step `index`, through a module's end screen when the next step is in
  /// another module.
  mutating func advance(after index: Int, showingResultOf result: Int? = nil, at now: Date) -> [Effect] {
    let next = forward(from: index + 1, showingResultOf: result)
    let module = steps[index].module
    if next >= steps.count || steps[next].module != module {
      let effects = moveBookmark(next, .none, at: now)
      state = .moduleDone(module: module, next: next)
      return effects
    }
    return enter(next, at: now)
  }

  /// Shows step `index`.
  mutating func enter(_ index: Int, _ detail: StepDetail = .none, at now: Date, saving: Bool = true)
    -> [Effect]
  {
    guard index < steps.count else { return finishCourse(at: now, saving: saving) }
    switch steps[index].kind {
    case .introduction, .overview, .lesson:
      if case .page(let at) = detail { state = .page(index, at) } else { state = .page(index, .start) }
    case .question:
      state = .question(index, retry: detail == .retry, hints: 0)
    case .drillResult:
      let questions = (0..<standing.drill(near: index).questionCount).compactMap {
        plan.index(ofQuestion: $0, near: index)
      }
      if let unanswered = questions.first(where: { !standing.hasRecord($0) }) {
        return enter(unanswered, at: now, saving: saving)
      }
      state = .drillResult(index)
    case .belief:
      reflectionDraft = ""
      switch detail {
      case .share(let text): state = .share(index, draft: text)
      case .draft(let text):
        // A draft kept by an earlier coach may be longer than a reflection may be: keep
        // what fits, so the item can always be finished.
        reflectionDraft = Self.fitting(text, limit: Self.reflectionLimit).kept
        state = .belief(index)
      default: state = .belief(index)
      }
    case .statement: state = .statement(index)
    case .signature: state = .signature(index)
    }
    return saving ? moveBookmark(index, detail, at: now) : []
  }

  /// Saves the bookmark at step `index` unless it is there already.
  mutating func moveBookmark(_ index: Int, _ detail: StepDetail, at now: Date) -> [Effect] {
    let place = plan.place(index, detail)
    guard place != lastPlace else { return [] }
    lastPlace = place
    standing.bookmarkIndex = index
    return [.saveBookmark(plan.bookmark(place, employee: employee.id, at: now))]
  }

  /// The bookmark to store with a record, pointing at `index`.
  mutating func bookmarkForRecord(next index: Int, _ detail: StepDetail = .none, at now: Date) -> Bookmark {
    let place = plan.place(index, detail)
    lastPlace = place
    standing.bookmarkIndex = index
    return plan.bookmark(place, employee: employee.id, at: now)
  }

  /// The end of the course: marks the enrolment complete when everything is done.
  mutating func finishCourse(at now: Date, saving: Bool = true) -> [Effect] {
    state = .courseDone
    let effects = saving ? moveBookmark(steps.count, .none, at: now) : []
    return effects + (saving ? completion(at: now) : [])
  }

  /// Marks the enrolment complete when everything is done but drills below their pass
  /// mark (and passed when none is), unless it is marked so already.
  mutating func completion(at now: Date) -> [Effect] {
    let unfinished = steps.indices.filter { !standing.isSettled($0) }
    let onlyFailedDrills = unfinished.allSatisfy {
      steps[$0].kind == .drillResult && standing.drill(near: $0).firstPassDone
    }
    guard onlyFailedDrills else { return [] }
    let passed = unfinished.isEmpty
    guard completedAs != passed && !(completedAs == true) else { return [] }
    completedAs = passed
    completed = completed ?? now
    return [.completeEnrolment(passed: passed)]
  }

  /// Opens module `m` from the course home: at the bookmark when it is inside the
  /// module, else at its first unfinished step, else at its start (to review it).
  mutating func openModule(_ m: Int, at now: Date) -> [Effect] {
    let range = plan.moduleSteps[m]
    guard !range.isEmpty else {
      let audience = plan.course.modules[m].audience.joined(separator: ", ")
      notice =
        "Module \(m + 1) is for \(audience), not for your role (\(employee.role ?? "none")): pick another."
      return []
    }
    if let lastPlace, let (index, _) = plan.locate(lastPlace), range.contains(index) {
      let (target, detail) = resumeTarget()
      if range.contains(target) { return enter(target, detail, at: now) }
    }
    let first = standing.firstUnfinished(in: range) ?? range.lowerBound
    return enter(first, at: now)
  }

  mutating func handleHome(_ event: Event, at now: Date) -> [Effect] {
    var text = ""
    switch event {
    case .line(let line): text = line
    case .next: text = ""
    default: return []
    }
    switch AnswerParser.parse(text, as: .menu(count: plan.course.modules.count)) {
    case .failure(let problem):
      notice = problem.hint
      return []
    case .success(.proceed):
      let (index, detail) = resumeTarget()
      guard index < steps.count else {
        // Everything is done: Enter shows the summary again (and completes the
        // enrolment, if the session that finished it stopped before it could).
        state = .courseDone
        return completion(at: now)
      }
      return enter(index, detail, at: now)
    case .success(.numbers(let list)):
      let m = list[0]
      guard !plan.moduleSteps[m].isEmpty else {
        let audience = plan.course.modules[m].audience.joined(separator: ", ")
        notice =
          "Module \(m + 1) is for \(audience), not for your role (\(employee.role ?? "none")): pick another."
        return []
      }
      state = .outline(module: m)
      return []
    case .success(.quit): return quit(at: now)
    case .success(.help):
      showHelp = true
      return []
    case .success(.outline): return goOutline()
    case .success(.answers): return goAnswers()
    case .success(.home): return []
    case .success:
      notice = AnswerParser.expectation(.menu(count: plan.course.modules.count))
      return []
    }
  }

  // MARK: - The way around: home, outline, answers

  /// The module the screen belongs to; at the course home and the end, the module
  /// Continue would open.
  var currentModule: Int? {
    switch state {
    case .outline(let m), .answers(let m), .moduleDone(let m, _): return m
    case .page(let i, _), .question(let i, _, _), .feedback(let i, _, _), .drillResult(let i), .belief(let i),
      .share(let i, _), .echo(let i, _, _), .statement(let i), .signature(let i), .signed(let i),
      .notSigned(let i):
      return steps[i].module
    case .home, .courseDone, .finished:
      let (target, _) = resumeTarget()
      if target < steps.count { return steps[target].module }
      return steps.last?.module
    }
  }

  mutating func goHome() -> [Effect] {
    guard state != .finished else { return [] }
    state = .home
    return []
  }

  mutating func goOutline() -> [Effect] {
    guard state != .finished else { return [] }
    guard let m = currentModule, !plan.moduleSteps[m].isEmpty else { return goHome() }
    state = .outline(module: m)
    return []
  }

  mutating func goAnswers() -> [Effect] {
    guard state != .finished else { return [] }
    guard let m = currentModule, !plan.moduleSteps[m].isEmpty else { return goHome() }
    state = .answers(module: m)
    return []
  }

  mutating func handleOutline(_ m: Int, _ event: Event, at now: Date) -> [Effect] {
    var text = ""
    switch event {
    case .line(let line): text = line
    case .next: text = ""
    default: return []
    }
    let parts = standing.sections(ofModule: m)
    switch AnswerParser.parse(text, as: .menu(count: parts.count)) {
    case .failure(let problem):
      notice = problem.hint
      return []
    case .success(.proceed): return openModule(m, at: now)
    case .success(.numbers(let list)): return openPart(parts[list[0]], at: now)
    case .success(.quit): return quit(at: now)
    case .success(.help):
      showHelp = true
      return []
    case .success(.home): return goHome()
    case .success(.answers):
      state = .answers(module: m)
      return []
    case .success(.outline): return []
    case .success:
      notice = AnswerParser.expectation(.menu(count: parts.count))
      return []
    }
  }

  /// Opens one part of a module's outline: a page at its start; a drill at its first
  /// unanswered question, else its result; beliefs and a creed at the first item not
  /// answered yet (a reflection left out counts as not answered here), else the answers
  /// given there; an unsigned creed at its signature.
  mutating func openPart(_ part: SectionProgress, at now: Date) -> [Effect] {
    let range = part.steps
    switch part.kind {
    case nil, .lesson?:
      return enter(range.lowerBound, at: now)
    case .drill?:
      let target =
        range.first { steps[$0].kind != .drillResult && !standing.hasRecord($0) }
        ?? range.first { steps[$0].kind == .drillResult } ?? range.lowerBound
      return enter(target, at: now)
    case .beliefs?:
      if let open = range.first(where: { !standing.hasRecord($0) || isSkippedReflection($0) }) {
        return enter(open, at: now)
      }
    case .creed?:
      if let open = range.first(where: { !standing.hasRecord($0) }) { return enter(open, at: now) }
    }
    state = .answers(module: steps[range.lowerBound].module)
    notice = "Everything here is answered: these are your answers."
    return []
  }

  /// Whether step `index` is a reflection the employee chose to leave out.
  func isSkippedReflection(_ index: Int) -> Bool {
    guard let item = plan.belief(steps[index]), item.kind == .reflect else { return false }
    let ref = plan.itemRef(steps[index], itemID: item.id)
    let response = standing.ledger.response(module: ref.moduleID, section: ref.sectionID, item: item.id)
    return response?.answer == .text("")
  }

  /// The most characters a reflection may have.
  static let reflectionLimit = 20_000

  /// The whole lines of `text` that fit in `limit` characters, and how many did not.
  static func fitting(_ text: String, limit: Int) -> (kept: String, over: Int) {
    guard text.count > limit else { return (text, 0) }
    var kept: [Substring] = []
    var used = 0
    var over = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let cost = line.count + (kept.isEmpty ? 0 : 1)
      if over == 0 && used + cost <= limit {
        kept.append(line)
        used += cost
      } else {
        over += cost
      }
    }
    return (kept.joined(separator: "\n"), over)
  }

  /// At a reflection, more than the limit was written: what fits is kept as the draft.
  mutating func tooLong(kept: String, over: Int, at now: Date) -> [Effect] {
    guard case .belief(let index) = state, plan.belief(steps[index])?.kind == .reflect else { return [] }
    let (fits, _) = Self.fitting(kept, limit: Self.reflectionLimit)
    reflectionDraft = fits
    let limit = Self.reflectionLimit.grouped
    notice =
      "That is \(over.grouped) characters over the limit of \(limit). "
      + (fits.isEmpty
        ? "Nothing was kept: write it again, shorter."
        : "What fits (\(fits.count.grouped) characters, whole lines) is kept as your draft: "
          + "end with an empty line to send it, /cut removes its last line, /clear starts again.")
    return moveBookmark(index, fits.isEmpty ? .none : .draft(fits), at: now)
  }

  mutating func handlePage(_ index: Int, _ event: Event, at now: Date) -> [Effect] {
    switch event {
    case .next, .line:
      return recordingRead(of: index, advance(after: index, at: now), at: now)
    case .back:
      guard canGoBack(from: index) else {
        notice = "This is the first page here."
        return []
      }
      state = .page(index - 1, .end)
      return moveBookmark(index - 1, .page(.start), at: now)
    case .page(let at):
      state = .page(index, at)
      return moveBookmark(index, .page(at), at: now)
    default:
      return []
    }
  }

  /// `effects` with the reading of page `index` recorded first, in one transaction with
  /// the bookmark that moves past it; a page read before is not recorded again.
  mutating func recordingRead(of index: Int, _ effects: [Effect], at now: Date) -> [Effect] {
    guard let read = plan.pageRead(index, employee: employee.id, sessionID: options.sessionID, at: now),
      standing.ledger.add(read)
    else { return effects }
    if case .saveBookmark(let bookmark)? = effects.first {
      return [.recordPageRead(read, bookmark)] + effects.dropFirst()
    }
    return [.recordPageRead(read, nil)] + effects
  }

  /// Whether b on page `index` has a page to go back to (the page before, in the same module).
  func canGoBack(from index: Int) -> Bool {
    index > 0 && steps[index - 1].isPage && steps[index - 1].module == steps[index].module
  }

  mutating func handleResult(_ index: Int, _ event: Event, at now: Date) -> [Effect] {
    let drill = standing.drill(near: index)
    if drill.passedNow || (drill.passed && drill.missed.isEmpty) {
      guard event == .next || { if case .line = event { true } else { false } }() else { return [] }
      return advance(after: index, at: now)
    }
    guard case .line(let text) = event else { return [] }
    // Below the mark now with a pass recorded earlier: the retry is offered, not pressed.
    switch AnswerParser.parse(text, as: .yesNo(default: !drill.passed)) {
    case .failure(let problem):
      notice = problem.hint
      return []
    case .success(.yes(true)):
      guard let first = drill.missed.first, let question = plan.index(ofQuestion: first, near: index) else {
        return advance(after: index, at: now)
      }
      return enter(question, .retry, at: now)
    case .success(.yes(false)):
      declined.insert(index)
      return advance(after: index, at: now)
    case .success(.quit): return quit(at: now)
    case .success(.help):
      showHelp = true
      return []
    case .success:
      notice = AnswerParser.expectation(.yesNo(default: !drill.passed))
      return []
    }
  }

  mutating func afterFeedback(_ index: Int, retry: Bool, at now: Date) -> [Effect] {
    let result = plan.resultIndex(near: index)
    if retry {
      if let next = nextMissed(from: questionNumber(index) + 1, near: index) {
        return enter(next, .retry, at: now)
      }
      if let result { return enter(result, at: now) }
    }
    return advance(after: index, showingResultOf: result, at: now)
  }
}

extension Int {
  /// The number with a comma between thousands: `180,000`.
  var grouped: String {
    let digits = String(magnitude)
    var out = ""
    for (n, digit) in digits.enumerated() {
      if n > 0 && (digits.count - n) % 3 == 0 { out.append(",") }
      out.append(digit)
    }
    return (self < 0 ? "-" : "") + out
  }
}
