using System.Collections.Frozen;
using CloudApproval.Engine.Activities.Clock;
using CloudApproval.Engine.Activities.Collaboration;
using CloudApproval.Engine.Activities.Domain;
using CloudApproval.Engine.Activities.Flow;
using CloudApproval.Engine.Activities.Tasks;

namespace CloudApproval.Engine.Activities;

/// <summary>Every activity type the engine knows, in toolbox order.</summary>
public static class ActivityRegistry
{
    private static readonly ActivityType[] Types =
    [
        new StartActivity(), new EndActivity(), new UserTaskActivity(), new DecisionActivity(), new ForkActivity(),
        new JoinActivity(), new ForEachParallelActivity(), new TimerActivity(), new WaitForEventActivity(), new SendNoticeActivity(),
        new SetVariableActivity(), new CallProcedureActivity(), new MilestoneActivity(),
        new StartLegalClockActivity(), new SuspendLegalClockActivity(), new ResumeLegalClockActivity(),
        new ExtendLegalClockActivity(), new StopLegalClockActivity(),
        new SignCommitmentActivity(), new RequestCorrectionActivity(), new IssueLicenceActivity(),
        new RevokeLicenceActivity(), new ScheduleRemoteSessionActivity(), new RequestOpinionActivity(), new HoldConsultationActivity(),
    ];

    private static readonly FrozenDictionary<string, ActivityType> ByName = Types.ToFrozenDictionary(t => t.Descriptor.Type, StringComparer.Ordinal);

    /// <summary>All declarations, in toolbox order.</summary>
    public static IReadOnlyList<ActivityDescriptor> Descriptors { get; } = Types.Select(t => t.Descriptor).ToList();

    /// <summary>The type with the given name, or null.</summary>
    public static ActivityType? Find(string type) => ByName.GetValueOrDefault(type);
}
