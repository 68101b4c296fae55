import Foundation
import LearnerModel
import PostgresNIO

extension PostgresProgressStore {
  /// The two group roles `coach store init` makes, and what each may do.
  public struct Roles: Sendable, Hashable {
    /// Trainers: read every table (reports); of belief responses, every one but private
    /// text kept plain (sealed text opens only with the employee's passphrase).
    public var trainer: String
    /// Learners: read and write their own progress only. A learner signs in with a login
    /// role named as their employee id and made a member of this one.
    public var learner: String

    public init(trainer: String = "coach_trainer", learner: String = "coach_learner") {
      self.trainer = trainer
      self.learner = learner
    }
  }

  /// What each table lets a learner do (row-level security limits it to their own rows).
  ///
  /// A learner's coach writes their employee row but never its roster columns (only an
  /// imported roster does), seals the private text an older coach left plain (so it may
  /// update their own belief responses), keeps their wrapped key and claims, renews and
  /// ends their own session lease.
  static let learnerGrants: [(table: String, privileges: String, owner: String)] = [
    ("employee", "SELECT, INSERT (id, name, role, cohort, created), UPDATE (name, role, cohort)", "id"),
    ("enrolment", "SELECT, INSERT, UPDATE", "employeeId"),
    ("drillAttempt", "SELECT, INSERT", "employeeId"),
    ("beliefResponse", "SELECT, INSERT, UPDATE (text, sealed)", "employeeId"),
    ("creedSignature", "SELECT, INSERT", "employeeId"),
    ("drillPass", "SELECT, INSERT", "employeeId"),
    ("pageRead", "SELECT, INSERT", "employeeId"),
    ("bookmark", "SELECT, INSERT, UPDATE", "employeeId"),
    ("employeeKey", "SELECT, INSERT", "employeeId"),
    ("sessionLease", "SELECT, INSERT, UPDATE, DELETE", "employeeId"),
  ]

  /// Makes the roles (when missing), grants them what they may do, and turns on
  /// row-level security with one policy per role and table, all in one transaction.
  /// Run by whoever owns the tables (the user that made the store); running it again
  /// (after an upgrade added tables, say) brings the grants and policies up to date.
  ///
  /// - A learner's rows are those whose employee id is the name of the database user
  ///   (`current_user`): a learner signs in as their employee id.
  /// - Trainers read every row of every table except private text kept plain (private
  ///   text is sealed anyway: a wrapped key opens only with its employee's passphrase);
  ///   reports show belief answers to groups only in aggregates. Importing a roster and
  ///   resetting an employee are the owner's to do.
  public func setUpRoles(_ roles: Roles) async throws(ProgressStoreError) {
    let database = location.database
    try await transaction { c in
      try await c.query("SELECT pg_advisory_xact_lock(\(Self.migrationLock))", logger: Connector.logger)
      for role in [roles.trainer, roles.learner] {
        let exists =
          try await c.query("SELECT 1 FROM pg_roles WHERE rolname = \(role)", logger: Connector.logger)
          .collect().count == 1
        if !exists {
          try await Self.run("CREATE ROLE \(PostgresServer.identifier(role)) NOLOGIN", on: c)
        }
      }
      let trainer = PostgresServer.identifier(roles.trainer)
      let learner = PostgresServer.identifier(roles.learner)
      var sql = [
        "GRANT CONNECT ON DATABASE \(PostgresServer.identifier(database)) TO \(trainer), \(learner)",
        "GRANT USAGE ON SCHEMA public TO \(trainer), \(learner)",
        "GRANT SELECT ON coachMigrations TO \(trainer), \(learner)",
      ]
      for grant in Self.learnerGrants {
        let table = grant.table
        let own = "\(grant.owner) = current_user"
        sql += [
          // Revoked first, so that running init again drops what an older coach granted.
          "REVOKE ALL ON \(table) FROM PUBLIC, \(trainer), \(learner)",
          "GRANT SELECT ON \(table) TO \(trainer)",
          "GRANT \(grant.privileges) ON \(table) TO \(learner)",
          "ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY",
          "DROP POLICY IF EXISTS coach_learner_own ON \(table)",
          "DROP POLICY IF EXISTS coach_learner_seal ON \(table)",
          "DROP POLICY IF EXISTS coach_trainer_read ON \(table)",
        ]
        if table == "beliefResponse" {
          // A learner reads and adds their own answers, and may change one only to seal
          // private text an older coach kept plain: never a rating, a ranking or a
          // shared reflection. Trainers read every answer but private plain text (the
          // reports' aggregates need the ratings and rankings; sealed text opens only
          // with the employee's passphrase).
          sql += [
            "CREATE POLICY coach_learner_own ON \(table) FOR SELECT TO \(learner) USING (\(own))",
            "DROP POLICY IF EXISTS coach_learner_add ON \(table)",
            "CREATE POLICY coach_learner_add ON \(table) FOR INSERT TO \(learner) WITH CHECK (\(own))",
            """
            CREATE POLICY coach_learner_seal ON \(table) FOR UPDATE TO \(learner)
              USING (\(own) AND text IS NOT NULL AND NOT shared)
              WITH CHECK (\(own) AND text IS NULL AND sealed IS NOT NULL AND NOT shared)
            """,
            """
            CREATE POLICY coach_trainer_read ON \(table) FOR SELECT TO \(trainer)
              USING (shared OR text IS NULL)
            """,
          ]
        } else {
          sql += [
            "CREATE POLICY coach_learner_own ON \(table) TO \(learner) USING (\(own)) WITH CHECK (\(own))",
            "CREATE POLICY coach_trainer_read ON \(table) FOR SELECT TO \(trainer) USING (true)",
          ]
        }
      }
      for statement in sql { try await Self.run(statement, on: c) }
    }
  }

  private static func run(_ sql: String, on connection: PostgresConnection) async throws {
    try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Connector.logger)
  }

  /// Makes the database (when missing) and its schema, then the roles: what
  /// `coach store init URL` does. The database is made through the server's `postgres`
  /// database, as the same user.
  /// - Returns: The store, open, and whether the database was made.
  public static func initialise(
    _ location: PostgresLocation, roles: Roles,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) async throws(ProgressStoreError) -> (store: PostgresProgressStore, created: Bool) {
    var created = false
    do {
      let store = try await PostgresProgressStore(location: location, environment: environment)
      try await store.setUpRoles(roles)
      return (store, created)
    } catch {
      guard case .cannotOpen(_, let detail) = error, detail.contains("3D000") else { throw error }
    }
    try await PostgresServer.createDatabase(
      location.database, on: location.database("postgres"), environment: environment)
    created = true
    let store = try await PostgresProgressStore(location: location, environment: environment)
    try await store.setUpRoles(roles)
    return (store, created)
  }
}
