import CourseModel
import CourseProgress
import LearnerModel

extension Session {
  /// The screen for the current state.
  public var screen: Screen { ScreenBuilder(session: self).screen }
}

/// What each state of a session shows: builds the ``Screen`` a front end draws. It reads
/// the session and changes nothing.
struct ScreenBuilder {
  let session: Session

  var plan: CoursePlan { session.plan }
  var steps: [Step] { session.plan.steps }
  var standing: Standing { session.standing }
  var employee: Employee { session.employee }

  /// The screen for the current state, with the notice and the help when asked for.
  var screen: Screen {
    var screen = build()
    screen.notice = session.notice
    if session.showHelp { screen.help = Help.lines(for: screen.input, screen: screen.kind) }
    return screen
  }

  private func build() -> Screen {
    switch session.state {
    case .home: return homeScreen()
    case .outline(let module): return outlineScreen(module)
    case .answers(let module): return answersScreen(module)
    case .page(let index, let at): return pageScreen(index, at: at)
    case .question(let index, let retry, let hints): return questionScreen(index, retry: retry, hints: hints)
    case .feedback(let index, let retry, let feedback): return feedbackScreen(index, retry: retry, feedback)
    case .drillResult(let index): return resultScreen(index)
    case .belief(let index): return beliefScreen(index)
    case .share(let index, _):
      return Screen(
        kind: .share, location: location(index),
        parts: [
          .text(
            "Your reflection is private: your trainer sees that you wrote one, not what you wrote, "
              + "unless you share it.", .dim)
        ],
        input: .line(prompt: "Share this reflection with your trainer? [y/N]"))
    case .echo(let index, let earlier, let now): return echoScreen(index, earlier: earlier, now: now)
    case .statement(let index): return statementScreen(index)
    case .signature(let index): return signatureScreen(index)
    case .signed(let index):
      return Screen(
        kind: .signed, location: location(index),
        parts: [.text("Signed. Thank you, \(employee.name).", .good)], input: .keys(back: false))
    case .notSigned(let index):
      return Screen(
        kind: .notSigned, location: location(index),
        parts: [
          .text("Not signed.", .plain),
          .text(
            "That is your choice to make, and the course goes on. Whenever you are ready, open the creed "
              + "from this module's outline (m) and sign it there.", .dim),
        ], input: .keys(back: false))
    case .moduleDone(let module, let next): return moduleDoneScreen(module, next: next)
    case .courseDone: return courseDoneScreen()
    case .finished: return Screen(kind: .finished, location: [plan.course.title], input: .none)
    }
  }

  // MARK: - Helpers

  /// `text` as the end of a sentence: a full stop unless it ends with one already (or
  /// with `?`, `!`, `…` or a closing quote), so a title such as "Can these be taught?"
  /// never reads "?.".
  static func sentence(_ text: String) -> String {
    guard let last = text.last else { return text }
    return ".?!…:\"'”’)".contains(last) ? text : text + "."
  }

  /// "1 minute", "12 minutes".
  static func minutes(_ count: Int) -> String { count == 1 ? "1 minute" : "\(count) minutes" }

  /// The estimate of a module's time left, as every screen gives it (the home, the
  /// overview and the outline show the same number).
  func minutesLeft(_ m: Int) -> Int { max(standing.module(m).minutesLeft, 1) }

  func moduleLabel(_ m: Int) -> String {
    "Module \(m + 1) of \(plan.course.modules.count): \(plan.course.modules[m].title)"
  }

  func sectionLabel(_ section: Section) -> String {
    switch section.kind {
    case .lesson: section.title
    case .drill: "Drill: \(section.title)"
    case .beliefs: "Beliefs: \(section.title)"
    case .creed: "Creed: \(section.title)"
    }
  }

  func location(_ index: Int) -> [String] {
    guard index < steps.count else { return [plan.course.title] }
    let step = steps[index]
    var parts = [plan.course.title, moduleLabel(step.module)]
    if let section = plan.section(step) { parts.append(sectionLabel(section)) }
    return parts
  }

  /// "n of N" for items of one section.
  func count(_ index: Int) -> (Int, Int) {
    let step = steps[index]
    let same = steps.indices.filter {
      steps[$0].module == step.module && steps[$0].section == step.section && !steps[$0].isPage
        && steps[$0].kind != .drillResult && steps[$0].kind != .signature
    }
    return ((same.firstIndex(of: index) ?? 0) + 1, same.count)
  }

  /// The intro paragraphs of a section, shown before its first item.
  func sectionIntro(_ index: Int) -> [Screen.Part] {
    let step = steps[index]
    guard count(index).0 == 1, let section = plan.section(step) else { return [] }
    let intro: [Block]
    switch section.content {
    case .drill(let blocks, _), .beliefs(let blocks, _): intro = blocks
    case .creed(let creed): intro = creed.intro
    case .lesson: intro = []
    }
    return intro.isEmpty ? [] : [.blocks(intro), .blank]
  }

  // MARK: - Screens

  func homeScreen() -> Screen {
    let modules = standing.modules()
    let (target, detail) = session.resumeTarget()
    let next = target < steps.count ? steps[target].module : nil
    // Where Continue goes comes first: on a small terminal it is what shows.
    var parts: [Screen.Part] = [
      .text("Hello, \(employee.name)\(employee.role.map { " (\($0))" } ?? "").", .plain)
    ]
    if target < steps.count {
      var preview = session
      _ = preview.enter(target, detail, at: .distantPast, saving: false)
      let shown = preview.screen
      let place =
        (shown.location.dropFirst().joined(separator: " › ")) + (shown.progress.map { ", \($0)" } ?? "")
      parts.append(.text("Continue: \(place.isEmpty ? "the course introduction" : place)", .accent))
    } else {
      parts.append(
        .text(
          "You have finished this course. Press Enter for your summary, or open any module to look at it "
            + "again.", .good))
    }
    // The review line (questions due) comes before the list, which stays the last part.
    parts += session.reviewParts()
    parts += [.blank, .text("Here is your course:", .dim), .modules(modules, next: next)]
    let count = plan.course.modules.count
    var screen = Screen(
      kind: .home, location: [plan.course.title], parts: parts,
      input: .line(prompt: "Press Enter to continue, or type a module number (1-\(count))"))
    screen.list = Screen.PickList(part: parts.count - 1, count: count, picks: .one, highlighted: next)
    screen.menuKeys = ["q", "?", "m", "a"]
    return screen
  }

  func pageScreen(_ index: Int, at: PagePosition) -> Screen {
    let step = steps[index]
    var parts: [Screen.Part] = []
    switch step.kind {
    case .introduction:
      parts = [.text(plan.course.title, .title), .blank] + introductionWithModules()
    case .overview:
      let module = plan.module(step)
      parts = [.text(moduleLabel(step.module), .title), .blank]
      if !module.overview.isEmpty { parts += [.blocks(module.overview), .blank] }
      let contents = module.sections.map { $0.kind == .lesson ? "Lesson: \($0.title)" : sectionLabel($0) }
        .joined(separator: " · ")
      parts.append(
        .text(
          Self.sentence("In this module: \(contents)")
            + " About \(Self.minutes(minutesLeft(step.module))) left.",
          .dim))
    default:
      if case .lesson(let blocks)? = plan.section(step)?.content, let section = plan.section(step) {
        parts = [.text(section.title, .title), .blank, .blocks(blocks)]
      }
    }
    var screen = Screen(
      kind: .page, location: step.kind == .introduction ? [plan.course.title] : location(index), parts: parts,
      input: .keys(back: session.canGoBack(from: index)))
    screen.pageStart = at
    return screen
  }

  func questionScreen(_ index: Int, retry: Bool, hints: Int) -> Screen {
    guard let question = plan.question(steps[index]) else { return Screen(kind: .question, input: .none) }
    let (n, total) = count(index)
    var parts = retry ? [] : sectionIntro(index)
    if !question.context.isEmpty { parts += [.blocks(question.context), .blank] }
    let perm = session.layout(question)
    let prompt: String
    switch question.body {
    case .choice(let choices):
      let multiple = question.kind == .multiple
      let note =
        multiple && !question.prompt.lowercased().contains("all that apply") ? " (choose all that apply)" : ""
      parts.append(.text(question.prompt + note, .prompt))
      parts.append(.numbered(perm.map { choices[$0].text }))
      prompt = multiple ? "answer: the numbers of all that apply, e.g. 1 3" : "answer 1-\(choices.count)"
    case .short:
      parts.append(.text(question.prompt, .prompt))
      prompt = "answer: type it"
    case .order(let items):
      parts.append(
        .text(
          question.prompt + (question.prompt.lowercased().contains("order") ? "" : " (put them in order)"),
          .prompt))
      parts.append(.numbered(perm.map { items[$0] }))
      prompt = "order: type all \(items.count) numbers, first to last, with spaces"
    case .match(let pairs):
      let note = question.prompt.lowercased().contains("match") ? "" : " (match each number with a letter)"
      parts.append(.text(question.prompt + note, .prompt))
      parts.append(.numbered(pairs.map(\.left)))
      parts.append(.lettered(perm.map { pairs[$0].right }))
      prompt = "match: a letter for each number, e.g. \(MatchParser.example(pairs.count))"
    }
    let listPart = parts.lastIndex { if case .numbered = $0 { true } else { false } }
    for hint in question.hints.prefix(hints) { parts += [.blank, .text("Hint: \(hint)", .warn)] }
    let hintNote = hints < question.hints.count ? " (h: hint)" : ""
    var screen = Screen(
      kind: .question, location: location(index),
      progress: retry ? "question \(n) of \(total), another try" : "question \(n) of \(total)", parts: parts,
      input: .line(prompt: prompt + hintNote))
    switch question.body {
    case .choice(let choices):
      screen.list = listPart.map {
        Screen.PickList(part: $0, count: choices.count, picks: question.kind == .multiple ? .several : .one)
      }
    case .order(let items):
      screen.list = listPart.map { Screen.PickList(part: $0, count: items.count, picks: .several) }
    case .short, .match:
      break
    }
    return screen
  }

  static func orderExample(_ count: Int) -> String {
    (1...max(count, 1)).reversed().map(String.init).joined(separator: " ")
  }

  static func percent(_ score: Double) -> String { "\(Int((score * 100).rounded()))%" }

  func resultScreen(_ index: Int) -> Screen {
    let drill = standing.drill(near: index)
    let pass = plan.module(steps[index]).pass
    let best = drill.best ?? 0
    let right = drill.questionCount - drill.missed.count
    let title: String
    if case .drill? = plan.section(steps[index])?.content, let section = plan.section(steps[index]) {
      title = "Drill finished: \(section.title)"
    } else {
      title = "Drill finished"
    }
    var parts: [Screen.Part] = [
      .text(title, .title),
      .blank,
      .text(
        "Score: \(Self.percent(best)) (\(right) of \(drill.questionCount) right). Pass mark: \(pass)%.",
        .plain),
    ]
    if drill.passedNow || (drill.passed && drill.missed.isEmpty) {
      parts.append(.text("Passed.", .good))
      return Screen(kind: .drillResult, location: location(index), parts: parts, input: .keys(back: false))
    }
    let missed = drill.missed.count
    let them = missed == 1 ? "the question you missed" : "the \(missed) questions you missed"
    if let pass = drill.recordedPass {
      // Below the mark now, passed before: the pass stands, and the retry is offered.
      parts.append(.text("\(Self.passed(pass)); that pass stands.", .good))
      parts.append(.text("You can try \(them) again to reach the pass mark as it is now.", .plain))
      let prompt =
        missed == 1
        ? "Try the missed question again now? [y/N]" : "Try the \(missed) missed questions again now? [y/N]"
      return Screen(kind: .drillResult, location: location(index), parts: parts, input: .line(prompt: prompt))
    }
    parts.append(.text("Not passed yet. You can try \(them) again; the others stay as they are.", .warn))
    let prompt =
      missed == 1
      ? "Try the missed question again now? [Y/n]" : "Try the \(missed) missed questions again now? [Y/n]"
    return Screen(kind: .drillResult, location: location(index), parts: parts, input: .line(prompt: prompt))
  }

  /// "You passed this drill at 80% on 2026-03-02", or what of it is known.
  static func passed(_ pass: RecordedPass) -> String {
    var text = "You passed this drill"
    if let mark = pass.passMark { text += " at \(mark)%" }
    if let at = pass.at { text += " on \(StoredTime.day(at))" }
    if pass.isCurrentVersion == false { text += " (an earlier version of it)" }
    return text
  }

  func beliefScreen(_ index: Int) -> Screen {
    guard let item = plan.belief(steps[index]) else { return Screen(kind: .belief, input: .none) }
    let (n, total) = count(index)
    var parts = sectionIntro(index)
    if n == 1 && !Self.saysNothingIsScored(sectionIntroBlocks(index)) {
      // Once a section, and not when its introduction says so already.
      parts += [.text("No answer here is right or wrong, and nothing is scored.", .dim), .blank]
    }
    if !item.guidance.isEmpty && item.kind != .reflect { parts += [.blocks(item.guidance), .blank] }
    let input: Screen.Input
    var list: Screen.PickList?
    switch item.body {
    case .agree:
      parts += [.text(item.prompt, .prompt), .numbered(BeliefItem.agreeLabels)]
      list = Screen.PickList(part: parts.count - 1, count: BeliefItem.agreeLabels.count, picks: .one)
      input = .line(prompt: "agree 1-\(BeliefItem.agreeLabels.count)")
    case .rate(let labels):
      parts += [.text(item.prompt, .prompt), .numbered(labels)]
      list = Screen.PickList(part: parts.count - 1, count: labels.count, picks: .one)
      input = .line(prompt: "rate 1-\(labels.count)")
    case .rank(let items):
      parts += [.text(item.prompt, .prompt), .numbered(items)]
      list = Screen.PickList(part: parts.count - 1, count: items.count, picks: .several)
      input = .line(
        prompt:
          "rank: all \(items.count) numbers, most important first, e.g. \(Self.orderExample(items.count))")
    case .reflect:
      let earlier = answersBefore(index)
      if !earlier.isEmpty {
        let repeated = earlier.contains { $0.before != nil }
        parts += [
          .text(
            repeated
              ? "Where you started, and where you are now:" : "What you answered above, to look back on:",
            .plain),
          .compared(earlier), .blank,
        ]
      }
      parts.append(.text(item.prompt, .prompt))
      if !item.guidance.isEmpty { parts += [.blocks(item.guidance)] }
      parts += [
        .blank,
        .text(
          "Write as many lines as you like; an empty line (or Ctrl-D) finishes, /skip leaves it out. It "
            + "stays private unless you choose to share it.", .dim),
      ]
      if !session.reflectionDraft.isEmpty {
        parts += [.blank, .text("Your lines from before are kept below: go on from there.", .accent)]
      }
      input = .lines(prompt: "reflection: end with an empty line")
    }
    var screen = Screen(
      kind: .belief, location: location(index), progress: "\(n) of \(total)", parts: parts, input: input)
    screen.list = list
    if item.kind == .reflect {
      screen.lengthLimit = Session.reflectionLimit
      if !session.reflectionDraft.isEmpty {
        screen.draft = session.reflectionDraft.components(separatedBy: "\n")
      }
    }
    return screen
  }

  /// The introduction blocks of the section of step `index`.
  func sectionIntroBlocks(_ index: Int) -> [Block] {
    switch plan.section(steps[index])?.content {
    case .drill(let blocks, _)?, .beliefs(let blocks, _)?: blocks
    case .creed(let creed)?: creed.intro
    default: []
    }
  }

  /// Whether an introduction already tells the learner that nothing here is right,
  /// wrong or scored, so the screen does not say it a second time.
  static func saysNothingIsScored(_ blocks: [Block]) -> Bool {
    let text = blocks.plainText.lowercased()
    return [
      "right or wrong", "no right answer", "not scored", "never scored", "nothing is scored", "not marked",
    ]
    .contains { text.contains($0) }
  }

  /// The answers to the items before a reflection in its section: each with what was
  /// answered now and, for a statement asked earlier in the course, what was answered
  /// then.
  func answersBefore(_ index: Int) -> [Screen.Comparison] {
    let step = steps[index]
    return steps.indices.filter {
      $0 < index && steps[$0].module == step.module && steps[$0].section == step.section
    }.compactMap { i -> Screen.Comparison? in
      guard let item = plan.belief(steps[i]), item.kind != .reflect else { return nil }
      let ref = plan.itemRef(steps[i], itemID: item.id)
      let now = standing.ledger.response(module: ref.moduleID, section: ref.sectionID, item: item.id)
      let earlier = standing.ledger.beliefsByItem[item.id]?.last {
        $0.item.moduleID != ref.moduleID || $0.item.sectionID != ref.sectionID
      }
      return Screen.Comparison(
        statement: item.prompt, beforeLabel: earlier.map { moduleOf($0.item) },
        before: earlier.map { Self.show($0.answer, of: item) },
        now: now.map { Self.show($0.answer, of: item) })
    }
  }

  /// "module 1" for where a response was given.
  func moduleOf(_ ref: ItemRef) -> String {
    plan.course.modules.firstIndex { $0.id == ref.moduleID }.map { "module \($0 + 1)" } ?? "earlier"
  }

  /// A belief answer as words: `4. Agree`, a ranking, or the text.
  static func show(_ answer: BeliefAnswer, of item: BeliefItem) -> String {
    switch answer {
    case .point(let p): item.scale.indices.contains(p - 1) ? "\(p). \(item.scale[p - 1])" : "\(p)"
    case .text(let text): text
    case .order(let items):
      items.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "  ")
    case .sealed: "(private: sealed with a key that was reset, so it cannot be shown)"
    }
  }

  func echoScreen(_ index: Int, earlier: BeliefResponse, now: BeliefAnswer) -> Screen {
    guard let item = plan.belief(steps[index]) else { return Screen(kind: .echo, input: .none) }
    let module = plan.course.modules.firstIndex { $0.id == earlier.item.moduleID }
    let whereText = module.map { " (module \($0 + 1), \(plan.course.modules[$0].title))" } ?? ""
    let parts: [Screen.Part] = [
      .text("Saved. You asked yourself this before.", .plain),
      .text("Earlier\(whereText): \(Self.show(earlier.answer, of: item))", .dim),
      .text("Now: \(Self.show(now, of: item))", .accent),
    ]
    return Screen(kind: .echo, location: location(index), parts: parts, input: .keys(back: false))
  }

  func statementScreen(_ index: Int) -> Screen {
    let step = steps[index]
    guard case .statement(let n) = step.kind, let creed = plan.creed(step) else {
      return Screen(kind: .statement, input: .none)
    }
    var parts = sectionIntro(index)
    let statement = creed.statements[n]
    parts.append(.text(statement.text, .prompt))
    if !statement.explanation.isEmpty { parts += [.blocks(statement.explanation)] }
    parts += [
      .blank, .text("What does this mean in your own role? Write a note, or press Enter to skip.", .dim),
    ]
    return Screen(
      kind: .statement, location: location(index),
      progress: "statement \(n + 1) of \(creed.statements.count)",
      parts: parts, input: .line(prompt: "note (optional)"))
  }

  func signatureScreen(_ index: Int) -> Screen {
    guard let creed = plan.creed(steps[index]) else { return Screen(kind: .signature, input: .none) }
    let earlier = standing.invitesAgain(index) ? standing.signatures(index).last : nil
    var parts: [Screen.Part] = []
    if let earlier {
      parts += [
        .text(
          "You signed an earlier version of this creed on \(StoredTime.day(earlier.at)). It has changed "
            + "since; your signature stays. You are invited to sign it as it is now.", .accent),
        .blank,
      ]
    }
    parts += [
      .text(earlier == nil ? "You have gone through every statement:" : "The creed as it is now:", .plain),
      // Bullets, not numbers: nothing here is an option to pick.
      .blocks([
        Block(
          .list(
            ordered: false, start: 1, tight: true,
            items: creed.statements.map { [Block(.paragraph([.text($0.text)]))] }))
      ]),
      .blank,
    ]
    // The creed's closing words (what signing means) come before the signature.
    if !creed.closing.isEmpty { parts += [.blocks(creed.closing), .blank] }
    guard earlier != nil else {
      parts.append(.text("To sign the creed, type your full name: \(employee.name)", .plain))
      parts.append(
        .text(
          "Signing is your choice. Not ready? Press Enter to leave it unsigned: the course goes on, and you "
            + "can sign later from this module's outline.", .dim))
      return Screen(
        kind: .signature, location: location(index), parts: parts,
        input: .line(prompt: "sign: your full name"))
    }
    parts.append(
      .text(
        "To sign this version, type your full name: \(employee.name). Press Enter to keep your earlier "
          + "signature and go on.", .plain))
    return Screen(
      kind: .signature, location: location(index), parts: parts,
      input: .line(prompt: "sign: your full name, or Enter to keep your earlier signature"))
  }

  func moduleDoneScreen(_ m: Int, next: Int) -> Screen {
    let progress = standing.module(m)
    let title = plan.course.modules[m].title
    var parts: [Screen.Part] = []
    switch progress.status {
    case .passed:
      parts.append(.text(Self.sentence("Module \(m + 1) passed: \(title)"), .good))
    case .completed:
      parts.append(.text(Self.sentence("Module \(m + 1) completed: \(title)"), .good))
    case .retry:
      // Each drill is passed on its own score: name the ones below the mark.
      for i in plan.moduleSteps[m] where steps[i].kind == .drillResult {
        let drill = standing.drill(near: i)
        guard drill.firstPassDone && !drill.passed else { continue }
        let name = plan.section(steps[i]).map { "the drill '\($0.title)'" } ?? "the drill"
        parts.append(
          .text(
            "Module \(m + 1), \(title): \(name) needs another try (\(Self.percent(drill.best ?? 0)), "
              + "pass mark \(plan.course.modules[m].pass)%). It comes back when you continue.", .warn))
      }
    default:
      parts.append(
        .text(
          "Module \(m + 1), \(title): some parts are not finished yet; the outline (m) shows which.", .warn))
    }
    if let drill = progress.drill, let best = drill.best, progress.status != .retry {
      parts.append(.text("Drill score: \(Self.percent(best)).", .dim))
    }
    if next < steps.count {
      let nextModule = steps[next].module
      parts.append(.text(Self.sentence("Next: \(moduleLabel(nextModule))"), .plain))
    }
    return Screen(
      kind: .moduleDone, location: [plan.course.title, moduleLabel(m)], parts: parts,
      input: .keys(back: false))
  }

  /// The course introduction with the module list where the trainer's contents list stood.
  func introductionWithModules() -> [Screen.Part] {
    let blocks = plan.course.introduction
    let list = plan.course.modules.indices.map { m -> String in
      let module = plan.course.modules[m]
      return plan.moduleSteps[m].isEmpty ? "\(module.title) (not for your role)" : module.title
    }
    let at = plan.course.contentsIndex
    var parts: [Screen.Part] = at > 0 ? [.blocks(Array(blocks[..<at])), .numbered(list)] : [.numbered(list)]
    if at < blocks.count { parts += [.blank, .blocks(Array(blocks[at...]))] }
    return parts
  }
}
