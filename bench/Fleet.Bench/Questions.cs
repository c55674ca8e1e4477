namespace Fleet.Bench;

/// <summary>The two seed questions (docs/benchmarks.md) in J1QL and as PostgreSQL joins returning the same tree.</summary>
public static class Questions
{
    public const string OwnersJ1ql = "FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false RETURN TREE";

    public const string AwsJ1ql =
        "FIND HostAgent WITH compliant=false THAT MONITORS Device THAT OWNS Person THAT IS User THAT ASSIGNED Application WITH shortName='aws' RETURN TREE";

    public const string OwnersCountJ1ql = "FIND UNIQUE Person AS p THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false RETURN COUNT(p)";

    public const string AwsCountJ1ql =
        "FIND UNIQUE HostAgent WITH compliant=false AS a THAT MONITORS Device THAT OWNS Person THAT IS User THAT ASSIGNED Application WITH shortName='aws' RETURN COUNT(a)";

    private const string OwnersPaths = """
        SELECT p.id AS p_id, d.id AS d_id, a.id AS a_id, o.id AS o_rel, m.id AS m_rel
        FROM entities a
        JOIN relationships m ON m.from_id = a.id AND m.class = 'MONITORS'
        JOIN entities d ON d.id = m.to_id AND d.class = 'Device'
        JOIN relationships o ON o.to_id = d.id AND o.class = 'OWNS'
        JOIN entities p ON p.id = o.from_id AND p.class = 'Person'
        WHERE a.class = 'HostAgent' AND a.properties->>'compliant' = 'false'
        """;

    private const string AwsPaths = """
        SELECT a.id AS a_id, d.id AS d_id, p.id AS p_id, u.id AS u_id, app.id AS app_id, m.id AS m_rel, o.id AS o_rel, i.id AS i_rel, s.id AS s_rel
        FROM entities a
        JOIN relationships m ON m.from_id = a.id AND m.class = 'MONITORS'
        JOIN entities d ON d.id = m.to_id AND d.class = 'Device'
        JOIN relationships o ON o.to_id = d.id AND o.class = 'OWNS'
        JOIN entities p ON p.id = o.from_id AND p.class = 'Person'
        JOIN relationships i ON i.from_id = p.id AND i.class = 'IS'
        JOIN entities u ON u.id = i.to_id AND u.class = 'User'
        JOIN relationships s ON s.from_id = u.id AND s.class = 'ASSIGNED'
        JOIN entities app ON app.id = s.to_id AND app.class = 'Application' AND app.properties->>'shortName' = 'aws'
        WHERE a.class = 'HostAgent' AND a.properties->>'compliant' = 'false'
        """;

    public const string OwnersSql = $"""
        WITH paths AS ({OwnersPaths}),
        starts AS (SELECT DISTINCT p_id FROM paths ORDER BY p_id LIMIT 250)
        SELECT paths.p_id, pe.class, pe.type, pe.display_name, pe.properties,
               paths.d_id, de.class, de.type, de.display_name, de.properties,
               paths.a_id, ae.class, ae.type, ae.display_name, ae.properties,
               paths.o_rel, paths.m_rel
        FROM paths JOIN starts USING (p_id)
        JOIN entities pe ON pe.id = paths.p_id JOIN entities de ON de.id = paths.d_id JOIN entities ae ON ae.id = paths.a_id
        """;

    public const string AwsSql = $"""
        WITH paths AS ({AwsPaths}),
        starts AS (SELECT DISTINCT a_id FROM paths ORDER BY a_id LIMIT 250)
        SELECT paths.a_id, ae.class, ae.type, ae.display_name, ae.properties,
               paths.d_id, de.class, de.type, de.display_name, de.properties,
               paths.p_id, pe.class, pe.type, pe.display_name, pe.properties,
               paths.u_id, ue.class, ue.type, ue.display_name, ue.properties,
               paths.app_id, xe.class, xe.type, xe.display_name, xe.properties,
               paths.m_rel, paths.o_rel, paths.i_rel, paths.s_rel
        FROM paths JOIN starts USING (a_id)
        JOIN entities ae ON ae.id = paths.a_id JOIN entities de ON de.id = paths.d_id JOIN entities pe ON pe.id = paths.p_id
        JOIN entities ue ON ue.id = paths.u_id JOIN entities xe ON xe.id = paths.app_id
        """;

    public const string OwnersCountSql = $"WITH paths AS ({OwnersPaths}) SELECT count(DISTINCT p_id) FROM paths";

    public const string AwsCountSql = $"WITH paths AS ({AwsPaths}) SELECT count(DISTINCT a_id) FROM paths";
}
