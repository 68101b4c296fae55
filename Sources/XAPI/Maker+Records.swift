import CourseModel
import CourseProgress
import Foundation
import LearnerModel

/// The statements of recorded rows.
extension Maker {
  func registered(_ enrolment: Enrolment) -> Statement {
    statement(
      .registered, identity: [Self.ms(enrolment.started)], verb: Verbs.registered, object: courseActivity,
      extensions: courseVersion(enrolment), at: enrolment.started)
  }

  func courseCompleted(_ enrolment: Enrolment) -> Statement {
    statement(
      .courseCompleted, identity: [Self.ms(enrolment.started)], verb: Verbs.completed, object: courseActivity,
      result: Result(success: enrolment.passed, completion: true), extensions: courseVersion(enrolment),
      at: enrolment.completed ?? enrolment.started)
  }

  private func courseVersion(_ enrolment: Enrolment) -> [String: ExtensionValue] {
    enrolment.courseVersion.map { [Vocabulary.courseVersion: .string($0)] } ?? [:]
  }

  func pageRead(_ read: PageRead) -> Statement {
    let object: Activity
    var parents: [Activity] = []
    var grouping: [Activity] = []
    switch read.page {
    case .introduction:
      object = Activity(
        id: iri.introduction,
        definition: Definition(name: [language: builder.course.title], type: ActivityTypes.lesson))
      parents = [courseActivity]
    case .overview:
      object = Activity(
        id: iri.overview(read.moduleID),
        definition: places.modules[read.moduleID].map {
          Definition(name: [language: $0.title], type: ActivityTypes.lesson)
        })
      parents = [moduleActivity(read.moduleID)]
      grouping = [courseActivity]
    case .lesson:
      object = sectionActivity(read.moduleID, read.sectionID)
      parents = [moduleActivity(read.moduleID)]
      grouping = [courseActivity]
    }
    return statement(
      .pageRead, identity: [read.moduleID, read.sectionID, read.page.rawValue], verb: Verbs.experienced,
      object: object, parents: parents, grouping: grouping, at: read.at)
  }

  /// A drill answer: `answered`, the question as a `cmi.interaction` with its right
  /// answers, the response in xAPI's format, whether it was right and its score.
  func answer(_ attempt: DrillAttempt, version: AnswerVersion) -> Statement {
    let ref = attempt.item
    var extensions: [String: ExtensionValue] = [Vocabulary.attempt: .int(attempt.attempt)]
    var object = Activity(id: iri.item(ref.moduleID, ref.sectionID, ref.itemID))
    var response: String?
    var resultExtensions: [String: ExtensionValue] = [:]
    if version.counts, let question = places.question(ref) {
      let interaction = Interaction(question, language: language)
      response = interaction.response(.drill(attempt.response))
      if response != nil { object.definition = interaction.definition }
    }
    if version != .current { extensions[Vocabulary.answerVersion] = .string(version.rawValue) }
    if response == nil, !attempt.response.isEmpty {
      resultExtensions[Vocabulary.recordedResponse] = .string(attempt.response)
    }
    let score = min(max(attempt.score, 0), 1)
    let (parents, grouping) = itemContext(ref)
    return statement(
      .answer,
      identity: [ref.moduleID, ref.sectionID, ref.itemID, "\(attempt.attempt)", Self.ms(attempt.at)],
      verb: Verbs.answered, object: object,
      result: Result(
        score: Result.Score(scaled: Self.rounded(score, 6), raw: Self.rounded(score, 6), min: 0, max: 1),
        success: attempt.correct, response: response,
        extensions: resultExtensions.isEmpty ? nil : resultExtensions),
      parents: parents, grouping: grouping, extensions: extensions, at: attempt.at)
  }

  /// A recorded drill pass: `passed` on the drill section, with the score then.
  func drillPassed(_ pass: DrillPass) -> Statement {
    statement(
      .drillPassed,
      identity: [pass.moduleID, pass.sectionID, pass.drillHash, "\(pass.passMark)", Self.ms(pass.at)],
      verb: Verbs.passed, object: sectionActivity(pass.moduleID, pass.sectionID),
      result: drillResult(score: pass.score, passMark: pass.passMark, passed: true),
      parents: [moduleActivity(pass.moduleID)], grouping: [courseActivity],
      extensions: [Vocabulary.drillVersion: .string(pass.drillHash)], at: pass.at)
  }

  /// A drill's score as a result: scaled 0...1, and raw in percent out of 100, as the
  /// pass mark is given.
  func drillResult(score: Double, passMark: Int, passed: Bool) -> Result {
    let scaled = min(max(score, 0), 1)
    return Result(
      score: Result.Score(
        scaled: Self.rounded(scaled, 6), raw: Self.rounded(scaled * 100, 4), min: 0, max: 100),
      success: passed, completion: passed ? true : nil, extensions: [Vocabulary.passMark: .int(passMark)])
  }

  /// A belief answer or a creed note: `responded`, the item as an interaction with no
  /// right answer, never a success or a score. A reflection's or a note's text is sent
  /// only when the employee shared it.
  func belief(_ response: BeliefResponse, ordinal: Int, ledger: Ledger) -> Statement {
    let ref = response.item
    var object = Activity(id: iri.item(ref.moduleID, ref.sectionID, ref.itemID))
    var extensions: [String: ExtensionValue] = [:]
    var result: Result?
    let kind: Statement.Kind = response.kind == .statement ? .creedNote : .belief
    switch response.answer {
    case .text, .sealed:
      if response.kind == .statement {
        if let creed = places.creed(ref.moduleID, ref.sectionID),
          let found = creed.statements.first(where: { $0.id == ref.itemID })
        {
          object.definition = Interaction(statement: found, language: language).definition
        }
      } else if let item = places.belief(ref), item.kind == .reflect {
        object.definition = Interaction(item, language: language).definition
      }
      // Sealed text is never opened here: only the employee's passphrase opens it.
      guard case .text(let text) = response.answer else {
        result = Result(extensions: [Vocabulary.responseWithheld: .bool(true)])
        break
      }
      let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
      if response.shared, !trimmed.isEmpty {
        result = Result(response: text)
      } else if !trimmed.isEmpty {
        result = Result(extensions: [Vocabulary.responseWithheld: .bool(true)])
      }
    case .point(let point):
      if let item = places.belief(ref), Self.sameScale(response, item, ledger: ledger),
        let answer = Interaction(item, language: language).response(.point(point))
      {
        object.definition = Interaction(item, language: language).definition
        result = Result(response: answer)
      } else {
        extensions[Vocabulary.answerVersion] = .string(AnswerVersion.earlierVersion.rawValue)
        result = Result(extensions: [Vocabulary.recordedResponse: .string("\(point)")])
      }
      if let phase = places.phase(ref) { extensions[Vocabulary.phase] = .string(phase) }
    case .order(let order):
      if let item = places.belief(ref),
        let answer = Interaction(item, language: language).response(.order(order))
      {
        object.definition = Interaction(item, language: language).definition
        result = Result(response: answer)
      } else {
        extensions[Vocabulary.answerVersion] = .string(AnswerVersion.earlierVersion.rawValue)
        result = Result(extensions: [Vocabulary.recordedResponse: .string(order.joined(separator: " > "))])
      }
    }
    let (parents, grouping) = itemContext(ref)
    return statement(
      kind, identity: [ref.moduleID, ref.sectionID, ref.itemID, Self.ms(response.at), "\(ordinal)"],
      verb: Verbs.responded, object: object, result: result, parents: parents, grouping: grouping,
      extensions: extensions, at: response.at)
  }

  /// Whether a point was given on the scale the item has now.
  static func sameScale(_ response: BeliefResponse, _ item: BeliefItem, ledger: Ledger) -> Bool {
    ledger.scaleHash(of: response) == item.scaleHash
  }

  /// A creed signed: `completed` on the creed, its version (the hash of the text signed)
  /// as the context's revision and an extension. The name typed stays in coach.
  func creedSigned(_ signature: CreedSignature) -> Statement {
    statement(
      .creedSigned,
      identity: [signature.moduleID, signature.sectionID, signature.creedHash, Self.ms(signature.at)],
      verb: Verbs.completed, object: sectionActivity(signature.moduleID, signature.sectionID),
      result: Result(completion: true), parents: [moduleActivity(signature.moduleID)],
      grouping: [courseActivity],
      revision: signature.creedHash, extensions: [Vocabulary.creedVersion: .string(signature.creedHash)],
      at: signature.at)
  }
}
