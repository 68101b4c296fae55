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
    case .moduleDone(let module, let next): return moduleDoneScreen(module, next: next)
    case .courseDone: return courseDoneScreen()
    case .finished: return Screen(kind: .finished, location: [plan.course.title], input: .none)
    }
  }

  // MARK: - Helpers

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
    var parts: [Screen.Part] = [
      .text("Hello, \(employee.name)\(employee.role.map { " (\($0))" } ?? ""). Here is your course.", .plain),
      .blank,
      .modules(modules, next: target < steps.count ? steps[target].module : nil),
      .blank,
    ]
    if target < steps.count {
      var preview = session
      _ = preview.enter(target, detail, at: .distantPast, saving: false)
      let shown = preview.screen
      let place =
        (shown.location.dropFirst().joined(separator: " › ")) + (shown.progress.map { ", \($0)" } ?? "")
      parts.append(.text("Continue: \(place.isEmpty ? "the course introduction" : place)", .accent))
    } else {
      parts.append(.text("You have finished this course. Open any module to look at it again.", .good))
    }
    parts += session.reviewParts()
    let count = plan.course.modules.count
    return Screen(
      kind: .home, location: [plan.course.title], parts: parts,
      input: .line(prompt: "Press Enter to continue, or type a module number (1-\(count)); q quits"))
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
      let minutes = standing.module(step.module).minutesLeft
      parts.append(.text("In this module: \(contents). About \(max(minutes, 1)) minutes.", .dim))
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
    for hint in question.hints.prefix(hints) { parts += [.blank, .text("Hint: \(hint)", .warn)] }
    let hintNote = hints < question.hints.count ? " (h: hint)" : ""
    return Screen(
      kind: .question, location: location(index),
      progress: retry ? "question \(n) of \(total), another try" : "question \(n) of \(total)", parts: parts,
      input: .line(prompt: prompt + hintNote))
  }

  static func orderExample(_ count: Int) -> String {
    (1...max(count, 1)).reversed().map(String.init).joined(separator: " ")
  }

  func feedbackScreen(_ index: Int, retry: Bool, _ feedback: Session.Feedback) -> Screen {
    guard let question = plan.question(steps[index]) else { return Screen(kind: .feedback, input: .none) }
    var parts: [Screen.Part] = [.text(question.prompt, .dim), .blank]
    if feedback.score >= 1 - 1e-9 {
      parts.append(.text("Right.", .good))
    } else if feedback.score > 0 {
      parts.append(.text("Partly right: \(Self.percent(feedback.score)).", .warn))
    } else {
      parts.append(.text("Not right.", .bad))
    }
    parts.append(.text("Your answer: \(feedback.shown)", .dim))
    if case .choice(let choices) = question.body {
      let commented = feedback.chosen.filter { !choices[$0].feedback.isEmpty }
      for chosen in commented {
        let text =
          commented.count == 1 && question.kind == .single
          ? choices[chosen].feedback : "\(choices[chosen].text): \(choices[chosen].feedback)"
        parts += [.blank, .text(text, .plain)]
      }
    }
    if !question.explanation.isEmpty { parts += [.blank, .blocks(question.explanation)] }
    let (n, total) = count(index)
    return Screen(
      kind: .feedback, location: location(index), progress: "question \(n) of \(total)", parts: parts,
      input: .keys(back: false))
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
    parts.append(.text("No answer here is right or wrong, and nothing is scored.", .dim))
    parts.append(.blank)
    if !item.guidance.isEmpty && item.kind != .reflect { parts += [.blocks(item.guidance), .blank] }
    let prompt: String
    let input: Screen.Input
    switch item.body {
    case .agree:
      parts += [.text(item.prompt, .prompt), .numbered(BeliefItem.agreeLabels)]
      prompt = "agree 1-\(BeliefItem.agreeLabels.count)"
      input = .line(prompt: prompt)
    case .rate(let labels):
      parts += [.text(item.prompt, .prompt), .numbered(labels)]
      input = .line(prompt: "rate 1-\(labels.count)")
    case .rank(let items):
      parts += [.text(item.prompt, .prompt), .numbered(items)]
      input = .line(
        prompt:
          "rank: all \(items.count) numbers, most important first, e.g. \(Self.orderExample(items.count))")
    case .reflect:
      parts.append(.text(item.prompt, .prompt))
      if !item.guidance.isEmpty { parts += [.blocks(item.guidance)] }
      parts += [
        .blank,
        .text(
          "Write as many lines as you like; an empty line (or Ctrl-D) finishes. It stays private "
            + "unless you choose to share it.", .dim),
      ]
      if !session.reflectionDraft.isEmpty {
        parts += [.blank, .text("Your lines from before are kept below: go on from there.", .accent)]
      }
      input = .lines(prompt: "reflection: end with an empty line")
    }
    var screen = Screen(
      kind: .belief, location: location(index), progress: "\(n) of \(total)", parts: parts, input: input)
    if item.kind == .reflect && !session.reflectionDraft.isEmpty {
      screen.draft = session.reflectionDraft.components(separatedBy: "\n")
    }
    return screen
  }

  func echoScreen(_ index: Int, earlier: BeliefResponse, now: BeliefAnswer) -> Screen {
    guard let item = plan.belief(steps[index]) else { return Screen(kind: .echo, input: .none) }
    func show(_ answer: BeliefAnswer) -> String {
      switch answer {
      case .point(let p): item.scale.indices.contains(p - 1) ? "\(p). \(item.scale[p - 1])" : "\(p)"
      case .text(let text): text
      case .order(let items): items.joined(separator: " > ")
      }
    }
    let module = plan.course.modules.firstIndex { $0.id == earlier.item.moduleID }
    let whereText = module.map { " (module \($0 + 1), \(plan.course.modules[$0].title))" } ?? ""
    let parts: [Screen.Part] = [
      .text("Saved. You asked yourself this before.", .plain),
      .text("Earlier\(whereText): \(show(earlier.answer))", .dim),
      .text("Now: \(show(now))", .accent),
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
      parts.append(.text("Module \(m + 1) passed: \(title).", .good))
    case .completed:
      parts.append(.text("Module \(m + 1) completed: \(title).", .good))
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
      parts.append(.text("Module \(m + 1), \(title): some parts are not finished yet.", .warn))
    }
    if let drill = progress.drill, let best = drill.best, progress.status != .retry {
      parts.append(.text("Drill score: \(Self.percent(best)).", .dim))
    }
    if next < steps.count {
      let nextModule = steps[next].module
      parts.append(.text("Next: \(moduleLabel(nextModule)).", .plain))
    }
    return Screen(
      kind: .moduleDone, location: [plan.course.title, moduleLabel(m)], parts: parts,
      input: .keys(back: false))
  }

  func courseDoneScreen() -> Screen {
    let modules = standing.modules().filter { !$0.status.isFinished }
    var parts: [Screen.Part]
    if modules.isEmpty {
      parts = [.text("You have finished \(plan.course.title). Well done!", .good)]
    } else {
      parts = [
        .text("You reached the end of \(plan.course.title). Still to finish:", .plain),
        .numbered(modules.map { "Module \($0.index + 1), \($0.title): \($0.status.label)" }),
      ]
    }
    return Screen(kind: .courseDone, location: [plan.course.title], parts: parts, input: .keys(back: false))
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
