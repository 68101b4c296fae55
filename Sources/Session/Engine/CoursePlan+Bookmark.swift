import CourseModel
import Foundation
import ProgressStore

/// Where a step is, as a bookmark stores it.
public struct Place: Sendable, Hashable {
  public var moduleID: String
  public var sectionID: String?
  /// `intro`, `overview`, `block:N`, `q:<item>`, `retry:<item>`, `result`,
  /// `item:<item>`, `draft:<item>` or `share:<item>` + newline + the reflection's text,
  /// `sign`, or `end`.
  public var position: String
}

extension CoursePlan {
  /// The place of step `index` (`steps.count` for the end of the course).
  public func place(_ index: Int, _ detail: StepDetail = .none) -> Place {
    guard index < steps.count else {
      return Place(moduleID: course.modules.last?.id ?? "", sectionID: nil, position: "end")
    }
    let step = steps[index]
    let module = course.modules[step.module]
    let section = step.section.map { module.sections[$0] }
    let position: String
    switch step.kind {
    case .introduction: position = "intro"
    case .overview: position = "overview"
    case .lesson:
      if case .page(let at) = detail, at != .end { position = "block:\(at)" } else { position = "block:0" }
    case .question:
      let id = question(step)?.id ?? ""
      position = detail == .retry ? "retry:\(id)" : "q:\(id)"
    case .drillResult: position = "result"
    case .belief:
      let id = belief(step)?.id ?? ""
      switch detail {
      case .share(let text): position = "share:\(id)\n\(text)"
      case .draft(let text): position = "draft:\(id)\n\(text)"
      default: position = "item:\(id)"
      }
    case .statement(let i): position = "item:\(creed(step)?.statements[i].id ?? "")"
    case .signature: position = "sign"
    }
    return Place(moduleID: module.id, sectionID: section?.id, position: position)
  }

  /// The step a bookmark points at, or `nil` when the course changed so that it points
  /// nowhere (the session then starts at the first unfinished step).
  public func locate(_ bookmark: Bookmark) -> (index: Int, detail: StepDetail)? {
    guard let position = bookmark.position else { return nil }
    if position == "end" { return (steps.count, .none) }
    let (word, rest) = Self.split(position)
    let candidates = steps.indices.filter {
      let step = steps[$0]
      let module = course.modules[step.module]
      return module.id == bookmark.moduleID
        && step.section.map { module.sections[$0].id } == bookmark.sectionID
    }
    for index in candidates {
      let step = steps[index]
      switch (word, step.kind) {
      case ("intro", .introduction), ("overview", .overview), ("result", .drillResult), ("sign", .signature):
        return (index, .none)
      case ("block", .lesson):
        return (index, .page(PagePosition(rest) ?? .start))
      case ("q", .question), ("retry", .question):
        if question(step)?.id == rest { return (index, word == "retry" ? .retry : .none) }
      case ("item", .belief):
        if belief(step)?.id == rest { return (index, .none) }
      case ("share", .belief), ("draft", .belief):
        let parts = rest.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        if belief(step)?.id == String(parts[0]) {
          let text = parts.count > 1 ? String(parts[1]) : ""
          return (index, word == "share" ? .share(text) : .draft(text))
        }
      case ("item", .statement(let i)):
        if creed(step)?.statements[i].id == rest { return (index, .none) }
      default: continue
      }
    }
    return nil
  }

  private static func split(_ position: String) -> (String, String) {
    guard let colon = position.firstIndex(of: ":") else { return (position, "") }
    return (String(position[..<colon]), String(position[position.index(after: colon)...]))
  }

  /// A bookmark for `place`.
  func bookmark(_ place: Place, employee: EmployeeID, at date: Date) -> Bookmark {
    Bookmark(
      employee: employee, courseID: course.id, moduleID: place.moduleID, sectionID: place.sectionID,
      position: place.position, updated: date)
  }

  /// The record of reading page step `index` to its end; `nil` for a step that is not a page.
  func pageRead(_ index: Int, employee: EmployeeID, sessionID: String, at date: Date) -> PageRead? {
    guard let (module, section, page) = pageKey(index) else { return nil }
    return PageRead(
      employee: employee, courseID: course.id, moduleID: module, sectionID: section, page: page,
      sessionID: sessionID, at: date)
  }

  /// What identifies page step `index` among the pages read: the course introduction
  /// belongs to no module.
  func pageKey(_ index: Int) -> (module: String, section: String, page: PageRead.Page)? {
    let step = steps[index]
    let module = course.modules[step.module]
    switch step.kind {
    case .introduction: return ("", "", .introduction)
    case .overview: return (module.id, "", .overview)
    case .lesson: return (module.id, step.section.map { module.sections[$0].id } ?? "", .lesson)
    default: return nil
    }
  }

  /// Where an item sits, for a record.
  func itemRef(_ step: Step, itemID: String) -> ItemRef {
    ItemRef(
      courseID: course.id, moduleID: course.modules[step.module].id, sectionID: section(step)?.id ?? "",
      itemID: itemID)
  }
}
