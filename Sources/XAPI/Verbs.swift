/// The ADL verbs statements use (http://adlnet.gov/expapi/verbs/).
enum Verbs {
  static func adl(_ word: String) -> Verb {
    Verb(id: "http://adlnet.gov/expapi/verbs/\(word)", display: ["en-US": word])
  }

  static let answered = adl("answered")
  static let completed = adl("completed")
  static let experienced = adl("experienced")
  static let failed = adl("failed")
  static let passed = adl("passed")
  static let registered = adl("registered")
  static let responded = adl("responded")
}

/// The activity types statements use: ADL's, and coach's own for belief sections and
/// creeds, which ADL's vocabulary has no word for.
enum ActivityTypes {
  static func adl(_ word: String) -> String { "http://adlnet.gov/expapi/activities/\(word)" }

  static let course = adl("course")
  static let module = adl("module")
  static let lesson = adl("lesson")
  static let assessment = adl("assessment")
  static let beliefs = "\(Vocabulary.base)/activity-types/beliefs"
  static let creed = Vocabulary.creedType
}
