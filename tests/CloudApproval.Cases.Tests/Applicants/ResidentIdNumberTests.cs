using CloudApproval.Cases.Applicants;

namespace CloudApproval.Cases.Tests.Applicants;

public sealed class ResidentIdNumberTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    // The examples of GB 11643-1999 (the second has check character X).
    [TestCase("11010519491231002X")]
    [TestCase("440524188001010014")]
    public void Problem_IsNone_ForTheStandardsExamples(string number) =>
        Assert.That(ResidentIdNumber.Problem(number, Today), Is.Null);

    [TestCase("11010519491231002X")]
    [TestCase("440524188001010014")]
    public void EverySingleCharacterChange_Fails(string valid)
    {
        var passed = new List<string>();
        for (var i = 0; i < valid.Length; i++)
        {
            foreach (var c in "0123456789Xx ")
            {
                if (c == valid[i]) continue;
                var changed = valid[..i] + c + valid[(i + 1)..];
                if (ResidentIdNumber.IsValid(changed, Today)) passed.Add(changed);
            }
        }

        Assert.That(passed, Is.Empty);
    }

    [Test]
    public void Problem_RefusesAnImpossibleBirthDate_EvenWithAMatchingCheckDigit()
    {
        var body = "11010519490231002";
        var number = body + ResidentIdNumber.CheckCharacter(body + "0");

        Assert.That(ResidentIdNumber.Problem(number, Today), Does.Contain("birth date"));
    }

    [Test]
    public void Problem_RefusesABirthDateInTheFuture()
    {
        var body = "11010520300101002";
        var number = body + ResidentIdNumber.CheckCharacter(body + "0");

        Assert.That(ResidentIdNumber.Problem(number, Today), Does.Contain("in the future"));
        Assert.That(ResidentIdNumber.Problem(number), Is.Null, "without a today the date is only checked to be a date");
    }

    [Test]
    public void Problem_RefusesALowerCaseX() =>
        Assert.That(ResidentIdNumber.Problem("11010519491231002x", Today), Does.Contain("character 18"));
}
