namespace CloudApproval.Cases.Licences;

/// <summary>
/// A licence not delivered within the working days the law allows after the decision (art. 44): raised by
/// <see cref="DeliveryCheck"/> for the head of the issuing department, resolved when the delivery is recorded.
/// A record beside the case rather than a task of it: a case's tasks are the procedure's (the engine's state knows
/// each one), and one it never created could be neither completed through it nor told apart in its audit digest.
/// </summary>
public sealed class DeliveryAlert
{
    public long Id { get; set; }
    public required string LicenceNumber { get; set; }
    public required string Department { get; set; }
    public DateOnly DueDate { get; set; }
    public DateTime RaisedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
}
