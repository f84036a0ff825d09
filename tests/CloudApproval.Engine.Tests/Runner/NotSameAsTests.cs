using CloudApproval.Engine.Tests.Support;
using CloudApproval.Engine.Validation;

namespace CloudApproval.Engine.Tests.Runner;

/// <summary>The task rule "not the same person as the holder of task X": recorded on the task, checked by the validator (the shell enforces it).</summary>
public sealed class NotSameAsTests
{
    private static string Flow(string notSameAs) => Def.Text(
        Acts.List(Acts.Start, Acts.Task("review", "\"hearing\""), Acts.Task("hearing", "\"held\"", $$"""  "notSameAs":"{{notSameAs}}"  """), Acts.End()),
        ["start:done -> review", "review:hearing -> hearing", "hearing:held -> end"]);

    [Test]
    public void Task_RecordsWhoseHolderMayNotHoldIt()
    {
        var driver = new Driver(Def.Read(Flow("review")));
        driver.Start(China.At(2026, 3, 2, 10));

        driver.Complete("review", "hearing", China.At(2026, 3, 3, 10));

        Assert.That(driver.Task("hearing").NotSameAs, Is.EqualTo("review"));
        Assert.That(driver.Task("review").NotSameAs, Is.Null);
    }

    [TestCase("end", "wrong-activity", "'end' is a End, not a UserTask")]
    [TestCase("hearing", "wrong-activity", "'hearing' is this activity itself")]
    [TestCase("nobody", "unknown-activity", "no activity 'nobody'")]
    public void Validate_RefusesARuleNotNamingAnotherUserTask(string notSameAs, string code, string message)
    {
        var error = ProcedureValidator.Validate(Flow(notSameAs), Def.File).Single();

        Assert.That(error.Path, Is.EqualTo("$.activities[2].inputs.notSameAs"));
        Assert.That((error.Code, error.Message), Is.EqualTo((code, $"activity 'hearing' (UserTask), input 'notSameAs': {message}")));
    }
}
