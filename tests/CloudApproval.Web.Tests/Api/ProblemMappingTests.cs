using CloudApproval.Cases;
using CloudApproval.Web.Hosting;

namespace CloudApproval.Web.Tests.Api;

/// <summary>Refusals of the application layer become the status a client expects, with their stable code.</summary>
[Category(TestCategories.HttpSurface)]
public sealed class ProblemMappingTests
{
    [TestCase("unknown-case", 404)]
    [TestCase("unknown-procedure", 404)]
    [TestCase("conflict-of-interest", 403)]
    [TestCase("claimed-by-other", 409)]
    [TestCase("concurrent-change", 409)]
    [TestCase("version-not-published", 409)]
    [TestCase("altered-row", 409)]
    [TestCase("rejected-outcome-not-allowed", 422)]
    [TestCase("invalid-input", 400)]
    [TestCase("call-cycle", 400)]
    [TestCase("rejected-invalid-value", 400)]
    [TestCase("forbidden", 403)]
    [TestCase("rejected-wrong-sender", 403)]
    public void Refusal_MapsToItsStatus_KeepingItsCode(string code, int status)
    {
        var problem = ProblemExceptionHandler.FromRefusal(new CasesException(code, "what went wrong"));

        Assert.That(problem.Status, Is.EqualTo(status));
        Assert.That(problem.Extensions["code"], Is.EqualTo(code));
        Assert.That(problem.Detail, Is.EqualTo("what went wrong"));
    }
}
