using System.Globalization;

namespace CloudApproval.Cases.Applicants;

/// <summary>
/// The citizen identity number (公民身份号码, GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence
/// and a check character computed with ISO 7064 MOD 11-2 ('X' for 10), which catches every single wrong digit.
/// </summary>
public static class ResidentIdNumber
{
    public const int Length = 18;

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    private const string CheckCharacters = "10X98765432";

    /// <summary>Null when <paramref name="number"/> is valid; else what is wrong with it, for people.</summary>
    /// <param name="number">The number.</param>
    /// <param name="today">No one is born after it; no check of the future when null.</param>
    public static string? Problem(string? number, DateOnly? today = null)
    {
        if (string.IsNullOrEmpty(number)) return "required";
        if (number.Length != Length) return $"'{number}' has {number.Length} characters; an identity number has {Length}";
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(number[i])) return $"'{number}': character {i + 1} ('{number[i]}') must be a digit";
        }
        // Upper-case X only: the standard prints it so, and the stored number is compared as text.
        if (!char.IsAsciiDigit(number[17]) && number[17] != 'X') return $"'{number}': character 18 must be a digit or X";
        if (!DateOnly.TryParseExact(number.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born)
            || born.Year < 1800)
            return $"'{number}': characters 7-14 ('{number[6..14]}') are not a birth date yyyyMMdd";
        if (today is { } day && born > day) return $"'{number}': the birth date {born:yyyy-MM-dd} is in the future";
        var expected = CheckCharacter(number);
        return number[17] == expected ? null : $"'{number}' fails its check character (expected '{expected}' at position 18): a digit is mistyped";
    }

    public static bool IsValid(string? number, DateOnly? today = null) => Problem(number, today) is null;

    /// <summary>The check character of the first 17 digits.</summary>
    public static char CheckCharacter(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (number[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }
}
