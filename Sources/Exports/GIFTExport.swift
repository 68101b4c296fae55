import CourseModel

/// A course's drill questions in GIFT, and the questions that could not go with them.
public struct GIFTExport: Sendable, Hashable {
  /// Something said about one question: why it was left out, or what Moodle will not keep.
  public struct Note: Sendable, Hashable, CustomStringConvertible {
    /// The question's item id.
    public var questionID: String
    /// Where the question's heading stands, when known.
    public var location: SourceLocation?
    /// Plain words for the trainer, naming the question by its id.
    public var message: String

    public init(questionID: String, location: SourceLocation?, message: String) {
      self.questionID = questionID
      self.location = location
      self.message = message
    }

    /// `path:line:column: note: message` (the place is left out when unknown).
    public var description: String {
      (location.map { "\($0): " } ?? "") + "note: " + message
    }
  }

  /// The GIFT file, UTF-8 text ending with a line break.
  public var text: String
  /// The number of questions written.
  public var questionCount: Int
  /// Drill questions left out (every order question, and any that Moodle could not read
  /// as written), in course order.
  public var skipped: [Note]
  /// Questions written with something Moodle does not keep (an id too long for Moodle's
  /// ID number field, say).
  public var warnings: [Note]

  public init(text: String, questionCount: Int, skipped: [Note] = [], warnings: [Note] = []) {
    self.text = text
    self.questionCount = questionCount
    self.skipped = skipped
    self.warnings = warnings
  }
}
