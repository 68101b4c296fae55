import CourseModel
import CourseProgress
import Foundation
import LearnerModel

/// The way around a module: its outline (every part with its state, any one to open)
/// and the employee's own answers in it.
extension ScreenBuilder {
  func outlineScreen(_ m: Int) -> Screen {
    let module = plan.course.modules[m]
    let progress = standing.module(m)
    let parts = standing.sections(ofModule: m)
    var body: [Screen.Part] = [.text(moduleLabel(m), .title), .blank]
    body.append(
      .text(
        progress.status.isFinished
          ? "Everything in this module is done: open any part to look at it again."
          : "About \(Self.minutes(minutesLeft(m))) left in this module.", .dim))
    body.append(.blank)
    let described = parts.map { part -> Screen.Described in
      let (state, done) = Self.describe(part)
      return Screen.Described(partLabel(part, in: module), state, done: done)
    }
    let listAt = body.count
    body.append(.described(described))
    // Where Enter goes: the part that holds the step Continue would open in this module.
    var continuePart: Int?
    if !progress.status.isFinished {
      var preview = session
      _ = preview.openModule(m, at: .distantPast)
      if let at = preview.shownStep {
        continuePart = parts.firstIndex { $0.steps.contains(at) }
      }
    }
    body.append(.blank)
    if let continuePart {
      body.append(
        .text(Self.sentence("Enter continues with \(partLabel(parts[continuePart], in: module))"), .accent))
    }
    var screen = Screen(
      kind: .outline, location: [plan.course.title, moduleLabel(m)], parts: body,
      input: .line(prompt: "Enter to continue, or type a part's number (1-\(parts.count))"))
    screen.list = Screen.PickList(part: listAt, count: parts.count, picks: .one, highlighted: continuePart)
    screen.menuKeys = ["q", "?", "h", "a"]
    return screen
  }

  func partLabel(_ part: SectionProgress, in module: Module) -> String {
    guard let s = part.section else { return "Overview" }
    let section = module.sections[s]
    return section.kind == .lesson ? "Lesson: \(section.title)" : sectionLabel(section)
  }

  /// A part's state in words, and whether it is finished.
  static func describe(_ part: SectionProgress) -> (String, Bool) {
    switch part.state {
    case .page(let read): return (read ? "read" : "not read", read)
    case .drill(let answered, let drill, let passMark):
      if drill.passed { return ("passed, \(percent(drill.best ?? 0))", true) }
      if drill.firstPassDone {
        return ("needs another try: \(percent(drill.best ?? 0)), pass mark \(passMark)%", false)
      }
      return (answered == 0 ? "not started" : "\(answered) of \(drill.questionCount) answered", false)
    case .beliefs(let answered, let total):
      if answered == total { return ("answered", true) }
      return (answered == 0 ? "not started" : "\(answered) of \(total) answered", false)
    case .creed(let noted, let total, let signed):
      if signed { return ("signed", true) }
      if noted == total { return ("not signed", true) }
      return (noted == 0 ? "not started" : "\(noted) of \(total) statements", false)
    }
  }

  // MARK: - My answers

  func answersScreen(_ m: Int) -> Screen {
    let module = plan.course.modules[m]
    var body: [Screen.Part] = [
      .text("Your answers: \(moduleLabel(m))", .title), .blank,
      .text(
        "Only you see this page. Reflections you did not share, and your notes on the creed, stay private.",
        .dim),
    ]
    var any = false
    for (s, section) in module.sections.enumerated() {
      let steps = plan.moduleSteps[m].filter { self.steps[$0].section == s }
      switch section.content {
      case .beliefs(_, let items):
        body += [.blank, .text(sectionLabel(section), .prompt)]
        for (i, item) in items.enumerated() {
          guard let index = steps.first(where: { self.steps[$0].kind == .belief(i) }) else { continue }
          let ref = plan.itemRef(self.steps[index], itemID: item.id)
          let response = standing.ledger.response(module: ref.moduleID, section: ref.sectionID, item: item.id)
          body.append(.text(item.prompt, .plain))
          guard let response else {
            body.append(.indented("not answered yet", .dim))
            continue
          }
          any = true
          switch (item.kind, response.answer) {
          case (.reflect, .text("")):
            body.append(.indented("left out", .dim))
          case (.reflect, .text(let text)):
            body.append(.indented(text, .accent))
            body.append(
              .indented(response.shared ? "shared with your trainer" : "private: only you see it", .dim))
          default:
            let earlier = standing.ledger.beliefsByItem[item.id]?.last {
              $0.item.moduleID != ref.moduleID || $0.item.sectionID != ref.sectionID
            }
            if let earlier {
              body.append(
                .compared([
                  Screen.Comparison(
                    statement: "", beforeLabel: moduleOf(earlier.item),
                    before: Self.show(earlier.answer, of: item),
                    now: Self.show(response.answer, of: item))
                ]))
            } else {
              body.append(.indented(Self.show(response.answer, of: item), .accent))
            }
          }
        }
      case .creed(let creed):
        body += [.blank, .text(sectionLabel(section), .prompt)]
        for statement in creed.statements {
          let note = standing.ledger.response(module: module.id, section: section.id, item: statement.id)
          body.append(.text(statement.text, .plain))
          if let note {
            any = true
            if case .text(let text) = note.answer, !text.isEmpty {
              body.append(.indented("Your note: " + text, .accent))
            } else {
              body.append(.indented("no note", .dim))
            }
          } else {
            body.append(.indented("not reached yet", .dim))
          }
        }
        let signatures = standing.ledger.signatures(module: module.id, section: section.id)
        if let signed = signatures.last(where: { $0.creedHash == creed.contentHash }) {
          any = true
          body.append(.text("Signed on \(Self.day(signed.at)) as \(signed.name).", .good))
        } else if let earlier = signatures.last {
          body.append(
            .text(
              "You signed an earlier version on \(Self.day(earlier.at)); this version is not signed.", .warn))
        } else {
          body.append(.text("Not signed.", .dim))
        }
      case .lesson, .drill:
        continue
      }
    }
    if !any {
      body += [.blank, .text("You have not answered anything in this module yet.", .plain)]
    }
    return Screen(
      kind: .answers, location: [plan.course.title, moduleLabel(m), "Your answers"], parts: body,
      input: .keys(back: true))
  }

  /// A day as people write it: `3 May 2025`, in the time zone of the machine.
  static func day(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone.current
    let parts = calendar.dateComponents([.day, .month, .year], from: date)
    let months = [
      "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
      "November", "December",
    ]
    return "\(parts.day ?? 1) \(months[max(0, min(11, (parts.month ?? 1) - 1))]) \(parts.year ?? 1970)"
  }
}

extension Session {
  /// The step on the screen, if the screen shows one.
  var shownStep: Int? {
    switch state {
    case .page(let i, _), .question(let i, _, _), .feedback(let i, _, _), .drillResult(let i), .belief(let i),
      .share(let i, _), .echo(let i, _, _), .statement(let i), .signature(let i), .signed(let i),
      .notSigned(let i):
      i
    case .home, .outline, .answers, .moduleDone, .courseDone, .finished: nil
    }
  }
}
