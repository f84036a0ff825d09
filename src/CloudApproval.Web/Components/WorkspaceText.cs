namespace CloudApproval.Web.Components;

/// <summary>
/// The workspaces' words (inbox, task page, applicant portal, audit): <c>IStringLocalizer&lt;WorkspaceText&gt;</c> reads
/// Resources/Components.WorkspaceText.resx (Chinese, the default) and Resources/Components.WorkspaceText.en.resx (English).
/// Kept apart from <see cref="UiText"/> so the shell's words and the workspaces' change independently.
/// </summary>
public sealed class WorkspaceText;
