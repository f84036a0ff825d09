namespace CloudApproval.Cases.Applicants;

/// <summary>
/// The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character alphabet (digits
/// and capitals without I, O, Z, S, V, which read like digits), the 6-digit administrative division at positions 3-8,
/// and a check character over the first 17 (weights 3^i mod 31), which catches every single wrong character.
/// </summary>
public static class SocialCreditCode
{
    public const int Length = 18;

    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Null when <paramref name="code"/> is a valid code; else what is wrong with it, for people.</summary>
    public static string? Problem(string? code)
    {
        if (string.IsNullOrEmpty(code)) return "required";
        if (code.Length != Length) return $"'{code}' has {code.Length} characters; a unified social credit code has {Length}";
        for (var i = 0; i < code.Length; i++)
        {
            // Strict: a lower-case letter is not silently accepted, so the stored code is the one printed on the licence.
            if (Alphabet.IndexOf(code[i], StringComparison.Ordinal) < 0)
                return $"'{code}': character {i + 1} ('{code[i]}') is not allowed (digits and capital letters except I, O, Z, S, V)";
        }
        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(code[i])) return $"'{code}': characters 3-8 are the administrative division code and must be digits";
        }
        var expected = CheckCharacter(code);
        return code[17] == expected ? null : $"'{code}' fails its check character (expected '{expected}' at position 18): a character is mistyped";
    }

    public static bool IsValid(string? code) => Problem(code) is null;

    /// <summary>The check character of the first 17 characters (which must be in the alphabet).</summary>
    public static char CheckCharacter(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += Alphabet.IndexOf(code[i], StringComparison.Ordinal) * Weights[i];
        return Alphabet[(31 - (sum % 31)) % 31];
    }
}
