import CourseModel
import Foundation
import LearnerModel

/// Where a step is, as a bookmark keeps it: module, section and position.
public struct Place: Sendable, Hashable {
  public var moduleID: String
  public var sectionID: String?
  public var position: Bookmark.Position

  public init(moduleID: String, sectionID: String?, position: Bookmark.Position) {
    self.moduleID = moduleID
    self.sectionID = sectionID
    self.position = position
  }

  /// Where a bookmark points; `nil` when its position could not be read.
  public init?(_ bookmark: Bookmark) {
    guard let position = bookmark.position else { return nil }
    self.init(moduleID: bookmark.moduleID, sectionID: bookmark.sectionID, position: position)
  }
}

extension CoursePlan {
  /// The place of step `index` (`steps.count` for the end of the course).
  public func place(_ index: Int, _ detail: StepDetail = .none) -> Place {
    guard index < steps.count else {
      return Place(moduleID: course.modules.last?.id ?? "", sectionID: nil, position: .end)
    }
    let step = steps[index]
    let module = course.modules[step.module]
    let section = step.section.map { module.sections[$0] }
    let position: Bookmark.Position
    switch step.kind {
    case .introduction: position = .introduction
    case .overview: position = .overview
    case .lesson:
      if case .page(let at) = detail, at != .end {
        position = .lesson(at)
      } else {
        position = .lesson(.start)
      }
    case .question:
      position = .question(item: question(step)?.id ?? "", retry: detail == .retry)
    case .drillResult: position = .drillResult
    case .belief:
      let id = belief(step)?.id ?? ""
      switch detail {
      case .share(let text): position = .share(item: id, text: text)
      case .draft(let text): position = .draft(item: id, text: text)
      default: position = .item(id)
      }
    case .statement(let i): position = .item(creed(step)?.statements[i].id ?? "")
    case .signature: position = .signature
    }
    return Place(moduleID: module.id, sectionID: section?.id, position: position)
  }

  /// The step a place points at, or `nil` when the course changed so that it points
  /// nowhere (the session then starts at the first unfinished step).
  public func locate(_ place: Place) -> (index: Int, detail: StepDetail)? {
    if place.position == .end { return (steps.count, .none) }
    let candidates = steps.indices.filter {
      let step = steps[$0]
      let module = course.modules[step.module]
      return module.id == place.moduleID && step.section.map { module.sections[$0].id } == place.sectionID
    }
    for index in candidates {
      let step = steps[index]
      switch (place.position, step.kind) {
      case (.introduction, .introduction), (.overview, .overview), (.drillResult, .drillResult),
        (.signature, .signature):
        return (index, .none)
      case (.lesson(let at), .lesson):
        return (index, .page(at))
      case (.question(let id, let retry), .question):
        if question(step)?.id == id { return (index, retry ? .retry : .none) }
      case (.item(let id), .belief):
        if belief(step)?.id == id { return (index, .none) }
      case (.share(let id, let text), .belief):
        if belief(step)?.id == id { return (index, .share(text)) }
      case (.draft(let id, let text), .belief):
        if belief(step)?.id == id { return (index, .draft(text)) }
      case (.sealedDraft(let id, _), .belief), (.sealedShare(let id, _), .belief):
        // Sealed text that could not be opened (its key was reset): the item, asked again.
        if belief(step)?.id == id { return (index, .none) }
      case (.item(let id), .statement(let i)):
        if creed(step)?.statements[i].id == id { return (index, .none) }
      default: continue
      }
    }
    return nil
  }

  /// The step a stored bookmark points at; `nil` as for ``locate(_:)-(Place)``.
  public func locate(_ bookmark: Bookmark) -> (index: Int, detail: StepDetail)? {
    Place(bookmark).flatMap(locate)
  }

  /// A bookmark for `place`.
  public func bookmark(_ place: Place, employee: EmployeeID, at date: Date) -> Bookmark {
    Bookmark(
      employee: employee, courseID: course.id, moduleID: place.moduleID, sectionID: place.sectionID,
      position: place.position, updated: date)
  }

  /// The record of reading page step `index` to its end; `nil` for a step that is not a page.
  public func pageRead(_ index: Int, employee: EmployeeID, sessionID: String, at date: Date) -> PageRead? {
    guard let (module, section, page) = pageKey(index) else { return nil }
    return PageRead(
      employee: employee, courseID: course.id, moduleID: module, sectionID: section, page: page,
      sessionID: sessionID, at: date)
  }

  /// What identifies page step `index` among the pages read: the course introduction
  /// belongs to no module.
  public func pageKey(_ index: Int) -> (module: String, section: String, page: PageRead.Page)? {
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
  public func itemRef(_ step: Step, itemID: String) -> ItemRef {
    ItemRef(
      courseID: course.id, moduleID: course.modules[step.module].id, sectionID: section(step)?.id ?? "",
      itemID: itemID)
  }
}
