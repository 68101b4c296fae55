/// Where an item sits in a course.
public struct ItemRef: Sendable, Hashable, Codable {
  public var courseID: String
  public var moduleID: String
  public var sectionID: String
  public var itemID: String

  public init(courseID: String, moduleID: String, sectionID: String, itemID: String) {
    self.courseID = courseID
    self.moduleID = moduleID
    self.sectionID = sectionID
    self.itemID = itemID
  }
}
