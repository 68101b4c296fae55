import Foundation
import GRDB
import LearnerModel

/// The trainer's reports, computed in SQL: each method reads the rows once and returns
/// figures, never whole histories. The queries are public, so that benchmarks (and
/// trainers) can run the very same SQL with the `sqlite3` command.
extension SQLiteProgressStore {
  /// The scope's questions as a JSON array of `[itemId, moduleId, sectionId, keyHash,
  /// contentHash]`, the parameter ``questionsCTE`` reads.
  public static func questionsJSON(_ scope: ReportScope) -> String {
    json(scope.questions.map { [$0.itemID, $0.moduleID, $0.sectionID, $0.keyHash, $0.contentHash] })
  }

  /// The scope's belief items as a JSON array of `[itemId, kind, repeated, scaleHash,
  /// legacyCountsAll, [legacyItemHashes]]`, the parameter ``beliefsCTE`` reads.
  public static func beliefsJSON(_ scope: ReportScope) -> String {
    let items: [[JSONValue]] = scope.beliefs.map {
      [
        .text($0.itemID), .text($0.kind.rawValue), .flag($0.repeated), .text($0.scaleHash),
        .flag($0.legacyCountsAll), .list($0.legacyItemHashes),
      ]
    }
    return "[" + items.map { "[" + $0.map(\.json).joined(separator: ",") + "]" }.joined(separator: ",") + "]"
  }

  /// `q`: the questions of parameter ?2, numbered in scope order (`ord`). An answer
  /// counts (``counts``) when it was given in the drill (not in a spaced review) and its
  /// answer key is the question's, or, stored without one, its content hash is
  /// (``ScopeQuestion/counts(_:)``). Materialized: read from the JSON once per query, not
  /// once per answer it is joined with (15 s against 1.7 s for a page of 500 employees
  /// x 200 answers).
  public static let questionsCTE = """
    q(itemId, moduleId, sectionId, keyHash, contentHash, ord) AS MATERIALIZED (
      SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
             json_extract(value, '$[3]'), json_extract(value, '$[4]'), key
      FROM json_each(?2))
    """

  /// Every answer `a` to every question `q`, found question by question and employee by
  /// employee through the index on course, employee and item: SQLite 3.40 makes no index
  /// of its own on `q`, and would otherwise compare each answer with every question (over
  /// 10,000 employees x 200 answers and 100 questions: 4.8 s of CPU against 33 s). With
  /// ``answerOfQuestion`` in the WHERE clause.
  static let answersByQuestion = "q CROSS JOIN employee e CROSS JOIN drillAttempt a"
  static let answerOfQuestion = "a.employeeId = e.id AND a.itemId = q.itemId"

  static let counts =
    "(a.context = 'drill' AND "
    + "(CASE WHEN a.keyHash IS NOT NULL THEN a.keyHash = q.keyHash ELSE a.itemHash = q.contentHash END))"

  /// Item analysis: per question (`ord`), the learners with an answer that counts, how
  /// many had the first one fully right, the answers that count, and the item-rest sums
  /// over learners who answered every question of the drill. ?1 is the course id, ?2 the
  /// questions (``questionsJSON(_:)``).
  ///
  /// Each learner's first answer that counts is found in the same pass as the others:
  /// `MIN(attempt + score / 2)` is smallest at the lowest attempt number (attempts are
  /// whole numbers and a score is at most 1), and its fractional part is half that
  /// attempt's score.
  public static let itemSQL = """
    WITH \(questionsCTE),
    firsts AS (
      SELECT a.employeeId, q.ord, q.moduleId, q.sectionId, COUNT(*) AS answers,
             MIN(a.attempt + a.score / 2.0) AS firstKey
      FROM \(answersByQuestion)
      WHERE \(answerOfQuestion) AND a.courseId = ?1 AND \(counts)
      GROUP BY a.employeeId, a.itemId),
    scored AS (
      SELECT employeeId, ord, moduleId, sectionId, answers,
             (firstKey - CAST(firstKey AS INTEGER)) * 2 AS first
      FROM firsts),
    sizes AS (SELECT moduleId, sectionId, COUNT(*) AS size FROM q GROUP BY moduleId, sectionId),
    totals AS (
      SELECT employeeId, moduleId, sectionId, COUNT(*) AS answered, SUM(first) AS total
      FROM scored GROUP BY employeeId, moduleId, sectionId)
    SELECT s.ord, COUNT(*) AS learners, SUM(s.first >= 1 - 1e-9) AS firstRight, SUM(s.answers) AS answers,
           SUM(t.answered = z.size) AS restN,
           TOTAL(CASE WHEN t.answered = z.size THEN s.first END) AS restX,
           TOTAL(CASE WHEN t.answered = z.size THEN t.total - s.first END) AS restY,
           TOTAL(CASE WHEN t.answered = z.size THEN s.first * s.first END) AS restXX,
           TOTAL(CASE WHEN t.answered = z.size THEN (t.total - s.first) * (t.total - s.first) END) AS restYY,
           TOTAL(CASE WHEN t.answered = z.size THEN s.first * (t.total - s.first) END) AS restXY
    FROM scored s
    JOIN totals t ON t.employeeId = s.employeeId AND t.moduleId = s.moduleId AND t.sectionId = s.sectionId
    JOIN sizes z ON z.moduleId = s.moduleId AND z.sectionId = s.sectionId
    GROUP BY s.ord ORDER BY s.ord
    """

  /// The answers that count and were not fully right, per question (`ord`) and text
  /// (ignoring ASCII case and surrounding spaces), most frequent first.
  public static let wrongAnswerSQL = """
    WITH \(questionsCTE)
    SELECT q.ord, MIN(trim(a.response)) AS response, COUNT(*) AS n
    FROM \(answersByQuestion)
    WHERE \(answerOfQuestion) AND a.courseId = ?1 AND a.correct = 0 AND \(counts)
    GROUP BY q.ord, lower(trim(a.response))
    ORDER BY q.ord, n DESC, response
    """

  public func questionStatistics(_ scope: ReportScope) async throws(ProgressStoreError)
    -> [QuestionStatistics]
  {
    let questions = Self.questionsJSON(scope)
    return try await read { db in
      var stats = scope.questions.map { QuestionStatistics(itemID: $0.itemID) }
      let rows = try Row.fetchCursor(db, sql: Self.itemSQL, arguments: [scope.courseID, questions])
      while let row = try rows.next() {
        let i: Int = row[0]
        stats[i].learners = row[1]
        stats[i].firstRight = row[2]
        stats[i].answers = row[3]
        stats[i].rest = RestSums(n: row[4], x: row[5], y: row[6], xx: row[7], yy: row[8], xy: row[9])
      }
      let wrong = try Row.fetchCursor(db, sql: Self.wrongAnswerSQL, arguments: [scope.courseID, questions])
      while let row = try wrong.next() {
        let i: Int = row[0]
        if stats[i].wrongAnswers.count < QuestionStatistics.wrongAnswerLimit {
          stats[i].wrongAnswers.append(AnswerCount(response: row[1], count: row[2]))
        }
      }
      return stats
    }
  }
}

/// A value of the small JSON arrays the report queries take as parameters.
enum JSONValue {
  case text(String)
  case flag(Bool)
  case list([String])

  var json: String {
    switch self {
    case .text(let text): SQLiteProgressStore.json(text)
    case .flag(let flag): flag ? "1" : "0"
    case .list(let texts): "[" + texts.map(SQLiteProgressStore.json).joined(separator: ",") + "]"
    }
  }
}

extension SQLiteProgressStore {
  static func json(_ text: String) -> String {
    String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
  }

  static func json(list: [String]) -> String {
    String(decoding: (try? JSONEncoder().encode(list)) ?? Data("[]".utf8), as: UTF8.self)
  }

  static func json(_ rows: [[String]]) -> String {
    String(decoding: (try? JSONEncoder().encode(rows)) ?? Data("[]".utf8), as: UTF8.self)
  }
}
