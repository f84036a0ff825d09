using Microsoft.Extensions.Localization;

namespace CloudApproval.Web.Components.Workspaces;

/// <summary>A notice type in the page's language; a type without a word yet is shown as its code, never blank.</summary>
internal static class NoticeNames
{
    public static string Of(string noticeType, IStringLocalizer<WorkspaceText> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var word = words["Notice-" + noticeType];
        return word.ResourceNotFound ? noticeType : word.Value;
    }
}
