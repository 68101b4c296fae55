import CourseModel
import CourseProgress
import Foundation
import LearnerModel

extension ReviewSession {
  /// The screen for the current state, with the help when asked for.
  public var screen: Screen {
    var screen: Screen
    switch state {
    case .asking(let n): screen = questionScreen(n)
    case .start: screen = withHelp(startScreen())
    case .nothingDue: screen = withHelp(nothingDueScreen())
    case .done: screen = withHelp(doneScreen())
    case .finished: screen = Screen(kind: .finished, location: location, input: .none)
    }
    if outlineAsked { screen.notice = Self.noOutline }
    screen.navigation = .review
    return screen
  }

  /// The header of the review's own screens: the course (when there is one) and "Review".
  var location: [String] { courses.count == 1 ? [courses[0].title, "Review"] : ["Review"] }

  /// The drill's own question or feedback screen, numbered within the review. After an
  /// answer the feedback also says when the question comes back.
  func questionScreen(_ n: Int) -> Screen {
    guard let session = current else { return Screen(kind: .finished, input: .none) }
    var screen = session.screen
    screen.progress = "review \(n + 1) of \(items.count)"
    screen.help = screen.help.map(Self.reviewHelp)
    if case .feedback = session.state, let due = nextDue(of: items[n]) {
      let days = max(1, Int((due.timeIntervalSince(clock) / 86_400).rounded()))
      screen.parts += [
        .blank,
        .text(
          "This question comes back for review in \(days == 1 ? "1 day" : "\(days) days"), "
            + "on \(StoredTime.day(due)).", .dim),
      ]
    }
    return screen
  }

  /// When a question is next due, after the answers recorded so far.
  func nextDue(of item: Item) -> Date? {
    let standing = Standing(
      plan: CoursePlan(course: courses[item.course], role: employee.role), history: histories[item.course])
    return ReviewSchedule(standing, scheduler: options.scheduler).memory(of: item.memory.question.id)?.state?
      .due
  }

  /// The drill's help, where the course home key ends the review instead and the module
  /// outline and answers are not offered.
  static func reviewHelp(_ lines: [String]) -> [String] {
    lines.compactMap { line in
      if line.hasPrefix("m:") { return nil }
      if line.hasPrefix("h: the course home") { return "h: end the review (every answer is already saved)" }
      if line == Help.commands { return Help.reviewCommands }
      return line
    }
  }

  func withHelp(_ screen: Screen) -> Screen {
    var screen = screen
    if showHelp { screen.help = Self.reviewHelp(Help.lines(for: screen.input, screen: screen.kind)) }
    return screen
  }

  static func questions(_ count: Int) -> String { count == 1 ? "1 question" : "\(count) questions" }

  func startScreen() -> Screen {
    var parts: [Screen.Part] = [
      .text(
        "\(Self.questions(dueCount)) \(dueCount == 1 ? "is" : "are") due for review, from the modules you "
          + "have finished.", .plain)
    ]
    if items.count < dueCount {
      parts.append(
        .text("This review asks the \(items.count) most overdue; the rest wait for the next.", .dim))
    } else if dueCount > 1 {
      parts.append(.text("The most overdue come first.", .dim))
    }
    parts += [
      .blank,
      .text(
        "Each answer counts as right or wrong (partly right counts as wrong). A question you get right "
          + "comes back later each time; one you miss comes back soon.", .dim),
    ]
    return Screen(kind: .moduleDone, location: location, parts: parts, input: .keys(back: false))
  }

  func nothingDueScreen() -> Screen {
    var parts: [Screen.Part] = [.text("Nothing is due for review now.", .plain)]
    parts += nextReviewParts()
    return Screen(kind: .courseDone, location: location, parts: parts, input: .keys(back: false))
  }

  func doneScreen() -> Screen {
    let right = results.filter { $0 }.count
    var parts: [Screen.Part] = [
      .text("Review finished: \(right) of \(results.count) right.", right == results.count ? .good : .plain)
    ]
    let waiting = dueCount - items.count
    if waiting > 0 {
      parts.append(
        .text(
          "\(Self.questions(waiting)) \(waiting == 1 ? "is" : "are") still due: run coach review again "
            + "to answer \(waiting == 1 ? "it" : "them").", .accent))
    }
    parts += nextReviewParts()
    return Screen(kind: .courseDone, location: location, parts: parts, input: .keys(back: false))
  }

  /// When the next question falls due, and how many fall due that day; or how questions
  /// join the review list when none is on it.
  func nextReviewParts() -> [Screen.Part] {
    let schedules = self.schedules
    let listed = schedules.flatMap(\.listed)
    guard !listed.isEmpty else {
      return [.text("Drill questions join your review list when you finish their module.", .dim)]
    }
    let waiting = listed.compactMap { $0.state?.due }.filter { $0 > clock }
    guard let next = waiting.min() else { return [] }
    let day = StoredTime.day(next)
    let count = waiting.filter { StoredTime.day($0) == day }.count
    return [.text("Next review: \(day) (\(Self.questions(count))).", .plain)]
  }
}
