using System.Globalization;
using CloudApproval.Engine.Runtime;
using Jint.Runtime;

namespace CloudApproval.Engine.Expressions;

/// <summary>The clock expressions see: the run's now, in China time, so two identical runs give identical results anywhere.</summary>
internal sealed class RunTimeSystem(DateTimeOffset now) : DefaultTimeSystem(China, CultureInfo.InvariantCulture)
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.CreateCustomTimeZone("UTC+08 China", ChinaTime.Offset, "China Standard Time", "China Standard Time");

    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
