using System.Text.Encodings.Web;
using System.Text.Json;

namespace CloudApproval.Engine.Definitions;

/// <summary>Text from a definition as an error message quotes it: control characters escaped (one error, one line), long text cut.</summary>
internal static class Quoted
{
    private const int MaxShown = 64;

    public static string Of(string text)
    {
        var shown = text.Length <= MaxShown ? text : text[..MaxShown];
        var escaped = JsonEncodedText.Encode(shown, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
        return text.Length <= MaxShown ? escaped : $"{escaped}… ({text.Length} characters)";
    }
}
