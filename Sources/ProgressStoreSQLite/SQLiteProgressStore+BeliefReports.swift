import Foundation
import GRDB
import LearnerModel

extension SQLiteProgressStore {
  /// `b`: the belief items of parameter ?2 (``beliefsJSON(_:)``), numbered in scope
  /// order; `r`: the responses that count (on the item's scale as it is now, see
  /// ``ScopeBelief/counts(_:)``) with each employee's cohort now; `latest`: each
  /// employee's latest such response per item (SQLite takes the other columns from the
  /// row with the highest id).
  public static let beliefsCTE = """
    b(itemId, kind, repeated, scaleHash, legacyAll, legacyHashes, ord) AS (
      SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
             json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]'), key
      FROM json_each(?2)),
    r AS (
      SELECT x.id, x.employeeId, e.cohort, x.itemId, x.moduleId, x.sectionId, x.point, x.text, x.ranking,
             x.sealed, x.shared, b.ord, b.repeated
      FROM beliefResponse x
      JOIN b ON b.itemId = x.itemId AND b.kind = x.kind
      JOIN employee e ON e.id = x.employeeId
      WHERE x.courseId = ?1
        AND (x.scaleHash = b.scaleHash
             OR (x.scaleHash IS NULL
                 AND (b.legacyAll OR x.itemHash IN (SELECT value FROM json_each(b.legacyHashes)))))),
    latest AS (
      SELECT employeeId, cohort, ord, point, text, ranking, sealed, shared, MAX(id) AS id
      FROM r GROUP BY employeeId, itemId)
    """

  /// Per item (`ord`), cohort and point: how many employees' latest answer it is (a NULL
  /// point: a reflection or a ranking), and of the reflections how many are written
  /// (sealed text is never blank: blank text stays plain).
  public static let beliefPointsSQL = """
    WITH \(beliefsCTE)
    SELECT ord, cohort, point, COUNT(*) AS n,
           SUM(sealed IS NOT NULL OR (text IS NOT NULL AND trim(text, ' ' || char(9, 10, 13)) <> '')) AS written
    FROM latest GROUP BY ord, cohort, point ORDER BY ord, cohort, point
    """

  /// Per item, cohort and option: how many employees' latest ranking puts it at each position.
  public static let beliefPositionsSQL = """
    WITH \(beliefsCTE)
    SELECT latest.ord, latest.cohort, j.value AS option, j.key + 1 AS position, COUNT(*) AS n
    FROM latest, json_each(latest.ranking) j
    WHERE latest.ranking IS NOT NULL
    GROUP BY latest.ord, latest.cohort, j.value, j.key ORDER BY 1, 2, 3, 4
    """

  /// The latest reflections their writers shared, per item and cohort.
  public static let beliefSharedSQL = """
    WITH \(beliefsCTE)
    SELECT ord, cohort, text FROM latest
    WHERE shared AND text IS NOT NULL AND trim(text, ' ' || char(9, 10, 13)) <> ''
    ORDER BY ord, cohort, text
    """

  /// For items asked in two places: per item, cohort and pair of points, how many
  /// employees gave `before` first and `after` last in another place.
  public static let beliefChangesSQL = """
    WITH \(beliefsCTE),
    firstPoint AS (
      SELECT employeeId, itemId, moduleId, sectionId, point, cohort, ord, MIN(id) AS id
      FROM r WHERE repeated AND point IS NOT NULL GROUP BY employeeId, itemId),
    afterPoint AS (
      SELECT r.employeeId, r.itemId, r.point, MAX(r.id) AS id
      FROM r JOIN firstPoint f ON f.employeeId = r.employeeId AND f.itemId = r.itemId
      WHERE r.point IS NOT NULL AND (r.moduleId <> f.moduleId OR r.sectionId <> f.sectionId)
      GROUP BY r.employeeId, r.itemId)
    SELECT f.ord, f.cohort, f.point AS before, a.point AS after, COUNT(*) AS n
    FROM firstPoint f JOIN afterPoint a ON a.employeeId = f.employeeId AND a.itemId = f.itemId
    GROUP BY f.ord, f.cohort, f.point, a.point ORDER BY 1, 2, 3, 4
    """

  public func beliefStatistics(_ scope: ReportScope) async throws(ProgressStoreError) -> [BeliefStatistics] {
    let beliefs = Self.beliefsJSON(scope)
    return try await read { db in
      struct Key: Hashable {
        var ord: Int
        var cohort: String?
      }
      var groups: [Key: BeliefStatistics] = [:]
      func group(_ row: Row) -> Key {
        let key = Key(ord: row[0], cohort: row[1])
        if groups[key] == nil {
          groups[key] = BeliefStatistics(itemID: scope.beliefs[key.ord].itemID, cohort: key.cohort)
        }
        return key
      }
      let arguments: StatementArguments = [scope.courseID, beliefs]
      for row in try Row.fetchAll(db, sql: Self.beliefPointsSQL, arguments: arguments) {
        let key = group(row)
        let n: Int = row[3]
        groups[key]!.respondents += n
        groups[key]!.written += row[4] as Int? ?? 0
        if let point = row[2] as Int? { groups[key]!.points.append(PointCount(point: point, count: n)) }
      }
      for row in try Row.fetchAll(db, sql: Self.beliefPositionsSQL, arguments: arguments) {
        let key = group(row)
        groups[key]!.positions.append(RankPosition(option: row[2], position: row[3], count: row[4]))
      }
      for row in try Row.fetchAll(db, sql: Self.beliefSharedSQL, arguments: arguments) {
        let key = group(row)
        groups[key]!.shared.append(row[2])
      }
      for row in try Row.fetchAll(db, sql: Self.beliefChangesSQL, arguments: arguments) {
        let key = group(row)
        groups[key]!.changes.append(PointChange(before: row[2], after: row[3], count: row[4]))
      }
      return groups.sorted { a, b in
        a.key.ord != b.key.ord
          ? a.key.ord < b.key.ord : BeliefStatistics.cohortOrder(a.key.cohort, b.key.cohort)
      }.map { _, value in
        var stats = value
        stats.normalise()
        return stats
      }
    }
  }
}
