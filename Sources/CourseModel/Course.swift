/// A course: its metadata, introduction and modules in the order the contents list gives.
public struct Course: Sendable, Hashable {
  /// The course id (front matter `id`, else the folder name).
  public var id: String
  public var title: String
  /// The path of `course.md`.
  public var file: String
  /// The percent needed to pass a drill, 1...100 (default 80).
  public var pass: Int
  /// The audiences modules may name; empty when the course declares none.
  public var roles: [String]
  /// The course introduction (everything in `course.md` but the H1 and the contents list).
  public var introduction: [Block]
  /// Where the contents list stood in `introduction`: the number of introduction blocks
  /// before it, so a front end can show the module list in the trainer's place.
  public var contentsIndex: Int
  public var modules: [Module]
  /// `Facilitator:` notes in `course.md`: for the trainer, never shown to learners.
  public var facilitator: [FacilitatorNote]

  public init(
    id: String, title: String, file: String, pass: Int = 80, roles: [String] = [],
    introduction: [Block] = [], contentsIndex: Int? = nil, modules: [Module] = [],
    facilitator: [FacilitatorNote] = []
  ) {
    self.id = id
    self.title = title
    self.file = file
    self.pass = pass
    self.roles = roles
    self.introduction = introduction
    self.contentsIndex = min(contentsIndex ?? introduction.count, introduction.count)
    self.modules = modules
    self.facilitator = facilitator
  }
}

/// One module file of a course.
public struct Module: Sendable, Hashable {
  public var id: String
  public var title: String
  /// The path of the module file.
  public var file: String
  /// The pass mark in percent: the module's own, else the course's.
  public var pass: Int
  /// The roles this module is for; empty means everyone.
  public var audience: [String]
  /// Text between the H1 and the first H2.
  public var overview: [Block]
  public var sections: [Section]
  /// Where the H1 stands.
  public var location: SourceLocation?
  /// `Facilitator:` notes in the overview (before the first section).
  public var facilitator: [FacilitatorNote]

  public init(
    id: String, title: String, file: String, pass: Int = 80, audience: [String] = [],
    overview: [Block] = [], sections: [Section] = [], location: SourceLocation? = nil,
    facilitator: [FacilitatorNote] = []
  ) {
    self.id = id
    self.title = title
    self.file = file
    self.pass = pass
    self.audience = audience
    self.overview = overview
    self.sections = sections
    self.location = location
    self.facilitator = facilitator
  }

  /// Whether an employee of `role` takes this module (`nil` role: only modules for everyone).
  public func isFor(role: String?) -> Bool {
    audience.isEmpty || role.map(audience.contains) ?? false
  }
}
