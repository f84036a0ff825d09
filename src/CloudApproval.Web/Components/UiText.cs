namespace CloudApproval.Web.Components;

/// <summary>
/// The pages' words: <c>IStringLocalizer&lt;UiText&gt;</c> reads Resources/Components.UiText.resx (Chinese, the default)
/// and Resources/Components.UiText.en.resx (English).
/// </summary>
public sealed class UiText;
