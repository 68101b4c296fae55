import GRDB
import LearnerModel

extension SQLiteProgressStore {
  /// The schema's history. A migration that has shipped is never edited: change the
  /// schema by appending a new one. Migrations use string column names and no app types.
  ///
  /// Times are UTC text `YYYY-MM-DD HH:MM:SS.SSS` (see `StoredDate`), which GRDB and
  /// SQLite's date functions read, so reports written in plain SQL can use them.
  static let migrator: DatabaseMigrator = {
    var migrator = DatabaseMigrator()

    migrator.registerMigration("v1-create-employee", foreignKeyChecks: .immediate) { db in
      try db.create(table: "employee") { t in
        t.primaryKey("id", .text)
        t.column("name", .text).notNull()
        t.column("role", .text)
        t.column("cohort", .text)
        t.column("created", .datetime).notNull()
      }
    }

    migrator.registerMigration("v1-create-enrolment", foreignKeyChecks: .immediate) { db in
      try db.create(table: "enrolment") { t in
        t.column("employeeId", .text).notNull().references("employee")
        t.column("courseId", .text).notNull()
        t.column("started", .datetime).notNull()
        t.column("completed", .datetime)
        t.column("passed", .boolean).notNull().defaults(to: false)
        t.primaryKey(["employeeId", "courseId"])
      }
    }

    migrator.registerMigration("v1-create-drillAttempt", foreignKeyChecks: .immediate) { db in
      try db.create(table: "drillAttempt") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("employeeId", .text).notNull().references("employee")
        t.column("courseId", .text).notNull()
        t.column("moduleId", .text).notNull()
        t.column("sectionId", .text).notNull()
        t.column("itemId", .text).notNull()
        t.column("itemHash", .text).notNull()
        t.column("response", .text).notNull()
        t.column("score", .double).notNull().check { $0 >= 0 && $0 <= 1 }
        t.column("correct", .boolean).notNull()
        t.column("attempt", .integer).notNull().check { $0 >= 1 }
        t.column("sessionId", .text).notNull()
        t.column("at", .datetime).notNull()
      }
      // One index serves numbering (course, employee, item -> MAX(attempt)), an
      // employee's history (course, employee) and, covering score, correctness and time,
      // the course summary without touching the table.
      try db.create(
        index: "drillAttempt_on_course_employee_item", on: "drillAttempt",
        columns: ["courseId", "employeeId", "itemId", "attempt", "score", "correct", "at"])
      // Attempts are append-only: the store refuses to change or delete one.
      try db.execute(
        sql: """
          CREATE TRIGGER drillAttempt_append_only_update BEFORE UPDATE ON drillAttempt
          BEGIN SELECT RAISE(ABORT, 'drill attempts are append-only'); END;
          CREATE TRIGGER drillAttempt_append_only_delete BEFORE DELETE ON drillAttempt
          BEGIN SELECT RAISE(ABORT, 'drill attempts are append-only'); END;
          """)
    }

    // Belief responses have no score and no correctness column: there is no right answer.
    migrator.registerMigration("v1-create-beliefResponse", foreignKeyChecks: .immediate) { db in
      try db.create(table: "beliefResponse") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("employeeId", .text).notNull().references("employee")
        t.column("courseId", .text).notNull()
        t.column("moduleId", .text).notNull()
        t.column("sectionId", .text).notNull()
        t.column("itemId", .text).notNull()
        t.column("kind", .text).notNull()
        t.column("itemHash", .text).notNull()
        t.column("point", .integer)
        t.column("text", .text)
        t.column("ranking", .jsonText)
        t.column("shared", .boolean).notNull().defaults(to: false)
        t.column("sessionId", .text).notNull()
        t.column("at", .datetime).notNull()
        t.check(sql: "(point IS NOT NULL) + (text IS NOT NULL) + (ranking IS NOT NULL) = 1")
      }
      try db.create(
        index: "beliefResponse_on_course_employee_item", on: "beliefResponse",
        columns: ["courseId", "employeeId", "itemId"])
    }

    migrator.registerMigration("v1-create-creedSignature", foreignKeyChecks: .immediate) { db in
      try db.create(table: "creedSignature") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("employeeId", .text).notNull().references("employee")
        t.column("courseId", .text).notNull()
        t.column("moduleId", .text).notNull()
        t.column("sectionId", .text).notNull()
        t.column("creedHash", .text).notNull()
        t.column("name", .text).notNull()
        t.column("sessionId", .text).notNull()
        t.column("at", .datetime).notNull()
      }
      try db.create(
        index: "creedSignature_on_course_employee", on: "creedSignature",
        columns: ["courseId", "employeeId"])
    }

    migrator.registerMigration("v1-create-bookmark", foreignKeyChecks: .immediate) { db in
      try db.create(table: "bookmark", options: .withoutRowID) { t in
        t.column("employeeId", .text).notNull().references("employee")
        t.column("courseId", .text).notNull()
        t.column("moduleId", .text).notNull()
        t.column("sectionId", .text)
        t.column("position", .text)
        t.column("updated", .datetime).notNull()
        t.primaryKey(["employeeId", "courseId"])
      }
    }

    migrator.registerMigration("v2-create-pageRead", foreignKeyChecks: .immediate) { db in
      try db.create(table: "pageRead", options: .withoutRowID) { t in
        t.column("employeeId", .text).notNull().references("employee")
        t.column("courseId", .text).notNull()
        t.column("moduleId", .text).notNull()
        t.column("sectionId", .text).notNull()
        t.column("page", .text).notNull()
        t.column("sessionId", .text).notNull()
        t.column("at", .datetime).notNull()
        t.primaryKey(["employeeId", "courseId", "moduleId", "sectionId", "page"])
      }
    }

    migrator.registerMigration("v2-add-enrolment-source", foreignKeyChecks: .immediate) { db in
      try db.alter(table: "enrolment") { t in t.add(column: "source", .text) }
    }

    // What each answer was graded against (Question.answerKeyHash). Rows written before
    // keep NULL: they are matched by itemHash (see CourseProgress's AnswerVersion).
    migrator.registerMigration("v3-add-drillAttempt-keyHash", foreignKeyChecks: .immediate) { db in
      try db.alter(table: "drillAttempt") { t in t.add(column: "keyHash", .text) }
    }

    // The scale a belief was answered on (BeliefItem.scaleHash); NULL for older rows and
    // for creed statement notes.
    migrator.registerMigration("v3-add-beliefResponse-scaleHash", foreignKeyChecks: .immediate) { db in
      try db.alter(table: "beliefResponse") { t in t.add(column: "scaleHash", .text) }
    }

    // The version of the course as last taken (Course.contentHash). It replaces `source`,
    // the folder the course was taken from: that column stays for older coaches to read
    // but is no longer written or read.
    migrator.registerMigration("v3-add-enrolment-courseVersion", foreignKeyChecks: .immediate) { db in
      try db.alter(table: "enrolment") { t in t.add(column: "courseVersion", .text) }
    }

    // A drill passed, as it happened: the version of the drill, the pass mark and score
    // then. Append-only, like attempts.
    migrator.registerMigration("v3-create-drillPass", foreignKeyChecks: .immediate) { db in
      try db.create(table: "drillPass") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("employeeId", .text).notNull().references("employee")
        t.column("courseId", .text).notNull()
        t.column("moduleId", .text).notNull()
        t.column("sectionId", .text).notNull()
        t.column("drillHash", .text).notNull()
        t.column("passMark", .integer).notNull().check { $0 >= 1 && $0 <= 100 }
        t.column("score", .double).notNull().check { $0 >= 0 && $0 <= 1 }
        t.column("sessionId", .text).notNull()
        t.column("at", .datetime).notNull()
      }
      try db.create(
        index: "drillPass_on_course_employee", on: "drillPass", columns: ["courseId", "employeeId"])
      try db.execute(
        sql: """
          CREATE TRIGGER drillPass_append_only_update BEFORE UPDATE ON drillPass
          BEGIN SELECT RAISE(ABORT, 'drill passes are append-only'); END;
          CREATE TRIGGER drillPass_append_only_delete BEFORE DELETE ON drillPass
          BEGIN SELECT RAISE(ABORT, 'drill passes are append-only'); END;
          """)
    }

    // Where each answer was given: `drill` (first answers and retries) or `review` (a
    // spaced review, `coach review`). Reviews feed the question's review schedule but not
    // the drill's score. Rows written before are drill answers.
    migrator.registerMigration("v4-add-drillAttempt-context", foreignKeyChecks: .immediate) { db in
      try db.alter(table: "drillAttempt") { t in
        t.add(column: "context", .text).notNull().defaults(to: "drill")
          .check(sql: "context IN ('drill', 'review')")
      }
    }

    // Each attempt, belief response, signature and drill pass gets the id it was made with, so that a
    // record sent twice (a retry after a lost connection to a server store, a copy merged
    // twice) is kept once. Rows written before get a random version-4 UUID; the
    // append-only trigger is lifted for that one UPDATE and put back as it was.
    migrator.registerMigration("v9-add-record-ids", foreignKeyChecks: .immediate) { db in
      let uuid = """
        lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2)
          || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-'
          || hex(randomblob(6)))
        """
      try db.execute(
        sql: """
          DROP TRIGGER drillAttempt_append_only_update;
          ALTER TABLE drillAttempt ADD COLUMN recordId TEXT;
          UPDATE drillAttempt SET recordId = \(uuid);
          CREATE TRIGGER drillAttempt_append_only_update BEFORE UPDATE ON drillAttempt
          BEGIN SELECT RAISE(ABORT, 'drill attempts are append-only'); END;
          CREATE UNIQUE INDEX drillAttempt_on_recordId ON drillAttempt(recordId);
          ALTER TABLE beliefResponse ADD COLUMN recordId TEXT;
          UPDATE beliefResponse SET recordId = \(uuid);
          CREATE UNIQUE INDEX beliefResponse_on_recordId ON beliefResponse(recordId);
          ALTER TABLE creedSignature ADD COLUMN recordId TEXT;
          UPDATE creedSignature SET recordId = \(uuid);
          CREATE UNIQUE INDEX creedSignature_on_recordId ON creedSignature(recordId);
          DROP TRIGGER drillPass_append_only_update;
          ALTER TABLE drillPass ADD COLUMN recordId TEXT;
          UPDATE drillPass SET recordId = \(uuid);
          CREATE TRIGGER drillPass_append_only_update BEFORE UPDATE ON drillPass
          BEGIN SELECT RAISE(ABORT, 'drill passes are append-only'); END;
          CREATE UNIQUE INDEX drillPass_on_recordId ON drillPass(recordId);
          """)
    }

    return migrator
  }()

  /// The identifiers of every migration this build knows.
  static var knownMigrations: Set<String> { Set(migrator.migrations) }
}
