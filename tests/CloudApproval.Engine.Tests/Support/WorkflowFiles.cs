namespace CloudApproval.Engine.Tests.Support;

/// <summary>Test cases over whatever is under workflows/ when the tests are discovered.</summary>
public static class WorkflowFiles
{
    public static IEnumerable<TestCaseData> Procedures() =>
        Repo.ProcedureFiles().Select(f => new TestCaseData(f).SetArgDisplayNames(Repo.Relative(f)));

    public static IEnumerable<TestCaseData> Scenarios() =>
        Repo.ScenarioFiles().Select(f => new TestCaseData(f).SetArgDisplayNames(Repo.Relative(f)));
}
