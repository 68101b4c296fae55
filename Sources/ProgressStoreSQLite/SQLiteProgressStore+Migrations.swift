import GRDB
import LearnerModel

extension SQLiteProgressStore {
  /// The schema's history. A migration that has shipped is never edited: change the
  /// schema by appending a new one. Migrations use string column names and no app types.
  ///
  /// Times are UTC text `YYYY-MM-DD HH:MM:SS.SSS` (see `StoredDate`), which GRDB and
  /// SQLite's date functions read, so reports written in plain SQL can use them.
  static let history: SchemaHistory = {
    var migrator = SchemaHistory()

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

    // Private text is sealed: a reflection or creed note that is not shared is kept as
    // the bytes of a sealed envelope in `sealed`, never as `text`. SQLite cannot change
    // a CHECK constraint in place, so the table is rebuilt (ids, and so the order of
    // responses, are kept; rows written before stay plain text until their employee
    // next opens the store with their key, which seals them).
    migrator.registerMigration("v5-add-beliefResponse-sealed") { db in
      try db.create(table: "beliefResponse_v5") { t in
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
        t.column("sealed", .blob)
        t.column("shared", .boolean).notNull().defaults(to: false)
        t.column("sessionId", .text).notNull()
        t.column("at", .datetime).notNull()
        t.column("scaleHash", .text)
        t.check(
          sql: "(point IS NOT NULL) + (text IS NOT NULL) + (ranking IS NOT NULL) + (sealed IS NOT NULL) = 1")
        // Sealed text is private by definition: it is never marked shared.
        t.check(sql: "sealed IS NULL OR shared = 0")
      }
      try db.execute(
        sql: """
          INSERT INTO beliefResponse_v5 (id, employeeId, courseId, moduleId, sectionId, itemId, kind,
            itemHash, point, text, ranking, shared, sessionId, at, scaleHash)
          SELECT id, employeeId, courseId, moduleId, sectionId, itemId, kind, itemHash, point, text,
            ranking, shared, sessionId, at, scaleHash FROM beliefResponse;
          DROP TABLE beliefResponse;
          ALTER TABLE beliefResponse_v5 RENAME TO beliefResponse;
          """)
      try db.create(
        index: "beliefResponse_on_course_employee_item", on: "beliefResponse",
        columns: ["courseId", "employeeId", "itemId"])
    }

    // One wrapped private-text key per employee, sealed under a key derived from their
    // passphrase: the store cannot open it.
    migrator.registerMigration("v6-create-employeeKey", foreignKeyChecks: .immediate) { db in
      try db.create(table: "employeeKey", options: .withoutRowID) { t in
        t.primaryKey("employeeId", .text).references("employee")
        t.column("keyId", .text).notNull()
        t.column("method", .text).notNull()
        t.column("parameters", .text).notNull()
        t.column("salt", .blob).notNull()
        t.column("wrappedKey", .blob).notNull()
        t.column("created", .datetime).notNull()
      }
    }

    // One open learn session per employee: who holds it, its heartbeat and its expiry.
    migrator.registerMigration("v7-create-sessionLease", foreignKeyChecks: .immediate) { db in
      try db.create(table: "sessionLease", options: .withoutRowID) { t in
        t.primaryKey("employeeId", .text).references("employee")
        t.column("sessionId", .text).notNull()
        t.column("host", .text).notNull()
        t.column("process", .integer).notNull()
        t.column("started", .datetime).notNull()
        t.column("renewed", .datetime).notNull()
        t.column("expires", .datetime).notNull()
      }
    }

    // Rosters: when an employee was last on an imported roster (NULL: on none) and the
    // roster's other columns (a JSON array of [name, value] pairs, in the roster's order).
    // The cohort report lists a cohort's employees by this index.
    migrator.registerMigration("v8-add-employee-roster", foreignKeyChecks: .immediate) { db in
      try db.alter(table: "employee") { t in
        t.add(column: "rosterImported", .datetime)
        t.add(column: "rosterFields", .jsonText)
      }
      try db.create(index: "employee_on_cohort", on: "employee", columns: ["cohort", "id"])
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

  /// The same history as a GRDB migrator, for reading which migrations a file has and for
  /// tests that build a store as an older coach left it.
  static let migrator: DatabaseMigrator = history.migrator

  /// The identifiers of every migration this build knows.
  static var knownMigrations: Set<String> { Set(migrator.migrations) }
}
