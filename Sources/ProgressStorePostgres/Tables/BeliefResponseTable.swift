import Foundation
import LearnerModel
import PostgresNIO

/// The `beliefResponse` table: answers to belief items and notes on creed statements.
/// It has no score and no correctness column: there is no right answer.
///
/// The answer sits in exactly one of `point`, `text`, `ranking` (a JSON array of the
/// item texts in the learner's order) or `sealed` (a sealed envelope's bytes).
enum BeliefResponseTable {
  static let create = """
    CREATE TABLE beliefResponse (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      employeeId text COLLATE "C" NOT NULL REFERENCES employee (id),
      courseId text COLLATE "C" NOT NULL,
      moduleId text NOT NULL,
      sectionId text NOT NULL,
      itemId text COLLATE "C" NOT NULL,
      kind text NOT NULL,
      itemHash text NOT NULL,
      point integer,
      text text,
      ranking jsonb,
      shared boolean NOT NULL DEFAULT false,
      sessionId text NOT NULL,
      at timestamptz NOT NULL,
      CHECK (num_nonnulls(point, text, ranking) = 1))
    """

  static let index = """
    CREATE INDEX beliefResponse_on_course_employee_item ON beliefResponse (courseId, employeeId, itemId)
    """

  /// The scale a belief was answered on (`BeliefItem.scaleHash`); `NULL` for older rows
  /// and for creed statement notes.
  static let addScaleHash = "ALTER TABLE beliefResponse ADD COLUMN scaleHash text"

  static let addRecordID = RecordID.add(to: "beliefResponse")

  /// `v5-add-beliefResponse-sealed`: private text kept as a sealed envelope's bytes
  /// (`sealed`); exactly one of `point`, `text`, `ranking` and `sealed` is set, and a
  /// sealed row is never shared. PostgreSQL changes the CHECK in place (SQLite rebuilt the
  /// table): ids and every other column stay.
  static let addSealed = [
    "ALTER TABLE beliefResponse ADD COLUMN sealed bytea",
    """
    DO $$
    DECLARE c text;
    BEGIN
      FOR c IN SELECT conname FROM pg_constraint
        WHERE conrelid = 'beliefresponse'::regclass AND contype = 'c'
          AND pg_get_constraintdef(oid) LIKE '%num_nonnulls%'
      LOOP
        EXECUTE format('ALTER TABLE beliefResponse DROP CONSTRAINT %I', c);
      END LOOP;
    END $$
    """,
    """
    ALTER TABLE beliefResponse ADD CONSTRAINT beliefResponse_one_answer
      CHECK (num_nonnulls(point, text, ranking, sealed) = 1)
    """,
    """
    ALTER TABLE beliefResponse ADD CONSTRAINT beliefResponse_sealed_private
      CHECK (sealed IS NULL OR shared = false)
    """,
  ]

  /// The answer as the four columns that keep it.
  static func answerColumns(_ answer: BeliefAnswer) -> (Int32?, String?, String?, Data?) {
    switch answer {
    case .point(let value): (Int32(clamping: value), nil, nil, nil)
    case .text(let value): (nil, value, nil, nil)
    case .order(let value): (nil, nil, rankingJSON(value), nil)
    case .sealed(let value): (nil, nil, nil, value.bytes)
    }
  }

  /// Appends the response unless its record id is stored already, and moves the bookmark.
  static func record(_ response: BeliefResponse, bookmark: Bookmark?) -> Statement {
    BookmarkTable.moving(bookmark) { s in
      let n = s.next
      s.bind(response.employee.rawValue)
      s.bind(response.item.courseID)
      s.bind(response.item.moduleID)
      s.bind(response.item.sectionID)
      s.bind(response.item.itemID)
      s.bind(response.kind.rawValue)
      s.bind(response.itemHash)
      let (point, text, ranking, sealed) = answerColumns(response.answer)
      s.bind(point)
      s.bind(text)
      s.bind(ranking)
      s.bind(response.shared)
      s.bind(response.sessionID)
      s.bindTime(response.at)
      s.bind(response.recordID)
      s.bind(response.scaleHash)
      s.bind(sealed)
      let p = (n..<n + 16).map { "$\($0)" }
      return (
        [],
        """
        INSERT INTO beliefResponse (employeeId, courseId, moduleId, sectionId, itemId, kind, itemHash,
          scaleHash, point, text, ranking, sealed, shared, sessionId, at, recordId)
        VALUES (\(p[0]), \(p[1]), \(p[2]), \(p[3]), \(p[4]), \(p[5]), \(p[6]), \(p[14]), \(p[7]), \(p[8]),
          \(p[9])::jsonb, \(p[15]), \(p[10]), \(p[11]), \(SQL.time(n + 12)), \(p[13]))
        ON CONFLICT (recordId) DO NOTHING
        """
      )
    }
  }

  static let columns = """
    id, employeeId, courseId, moduleId, sectionId, itemId, kind, itemHash, scaleHash, point, text,
    ranking::text, shared, sessionId, \(SQL.milliseconds("at")), recordId, sealed
    """

  static func history(of employee: EmployeeID, in courseID: String) -> Statement {
    .history(columns, from: "beliefResponse", of: employee, in: courseID)
  }

  static func read(_ row: PostgresRow) throws -> BeliefResponse {
    let (
      id, employee, course, module, section, item, kindText, hash, scaleHash, point, text, ranking, shared,
      session, at, recordID, sealed
    ) =
      try row.decode(
        (
          Int64, String, String, String, String, String, String, String, String?, Int32?, String?, String?,
          Bool, String, Int64, UUID, ByteBuffer?
        ).self)
    let answer: BeliefAnswer
    if let point {
      answer = .point(Int(point))
    } else if let ranking {
      guard let order = try? JSONDecoder().decode([String].self, from: Data(ranking.utf8)) else {
        throw RowError("belief response \(id) has a ranking that is not a list of texts")
      }
      answer = .order(order)
    } else if let sealed {
      answer = .sealed(SealedText(bytes: Data(sealed.readableBytesView)))
    } else {
      answer = .text(text ?? "")
    }
    guard let kind = BeliefResponse.Kind(rawValue: kindText) else {
      throw RowError("belief response \(id) has an unknown kind \"\(kindText)\"")
    }
    return BeliefResponse(
      employee: try RowError.employeeID(employee),
      item: ItemRef(courseID: course, moduleID: module, sectionID: section, itemID: item), kind: kind,
      itemHash: hash, scaleHash: scaleHash, answer: answer, shared: shared, sessionID: session,
      at: SQL.date(at), recordID: recordID)
  }

  /// A ranking as the JSON array the `ranking` column keeps.
  static func rankingJSON(_ order: [String]) -> String {
    String(decoding: (try? JSONEncoder().encode(order)) ?? Data("[]".utf8), as: UTF8.self)
  }

  static let everything = Statement("SELECT \(columns) FROM beliefResponse ORDER BY id")

  /// Belief responses in the order given, for a copy.
  static let bulk = BulkInsert<BeliefResponse>(
    table: "beliefResponse",
    columns: [
      .plain("employeeId"), .plain("courseId"), .plain("moduleId"), .plain("sectionId"), .plain("itemId"),
      .plain("kind"), .plain("itemHash"), .plain("scaleHash"), .plain("point"), .plain("text"),
      .json("ranking"), .plain("sealed"), .plain("shared"), .plain("sessionId"), .time("at"),
      .plain("recordId"),
    ]
  ) { r, s in
    s.bind(r.employee.rawValue)
    s.bind(r.item.courseID)
    s.bind(r.item.moduleID)
    s.bind(r.item.sectionID)
    s.bind(r.item.itemID)
    s.bind(r.kind.rawValue)
    s.bind(r.itemHash)
    s.bind(r.scaleHash)
    let (point, text, ranking, sealed) = answerColumns(r.answer)
    s.bind(point)
    s.bind(text)
    s.bind(ranking)
    s.bind(sealed)
    s.bind(r.shared)
    s.bind(r.sessionID)
    s.bindTime(r.at)
    s.bind(r.recordID)
  }
}
