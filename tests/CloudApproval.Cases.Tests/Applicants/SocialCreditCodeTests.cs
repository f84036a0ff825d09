using CloudApproval.Cases.Applicants;

namespace CloudApproval.Cases.Tests.Applicants;

public sealed class SocialCreditCodeTests
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    // Published codes, their check characters recomputed by hand from GB 32100-2015's weights.
    [TestCase("91350100M000100Y43")]
    [TestCase("91110000600037341L")]
    public void Problem_IsNone_ForPublishedValidCodes(string code)
    {
        Assert.That(SocialCreditCode.Problem(code), Is.Null);
        Assert.That(SocialCreditCode.CheckCharacter(code), Is.EqualTo(code[17]));
    }

    [TestCase("91350100M000100Y43")]
    [TestCase("91110000600037341L")]
    public void EverySingleCharacterChange_Fails(string valid)
    {
        // Every position, every other character of the alphabet and a few outside it (I O Z S V, lower case, punctuation).
        var passed = new List<string>();
        for (var i = 0; i < valid.Length; i++)
        {
            foreach (var c in Alphabet + "IOZSVaz-")
            {
                if (c == valid[i]) continue;
                var changed = valid[..i] + c + valid[(i + 1)..];
                if (SocialCreditCode.IsValid(changed)) passed.Add(changed);
            }
        }

        Assert.That(passed, Is.Empty);
    }

    [Test]
    public void Problem_NamesTheCheckCharacter_WhenItIsWrong() =>
        Assert.That(SocialCreditCode.Problem("91350100M000100Y44"), Does.Contain("check character").And.Contain("expected '3'"));

    [TestCase("", "required")]
    [TestCase("91350100M000100Y4", "17 characters")]
    [TestCase("91350100m000100Y43", "character 9")]
    [TestCase("913501O0M000100Y43", "character 7")]
    [TestCase("9135A100M000100Y4F", "administrative division")]
    public void Problem_SaysWhatIsWrong(string code, string expected) =>
        Assert.That(SocialCreditCode.Problem(code), Does.Contain(expected));
}
