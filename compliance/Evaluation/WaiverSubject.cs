namespace Fleet.Compliance.Evaluation;

/// <summary>Who a device is, for matching waivers: its device id and its owner's e-mail (if known).</summary>
public sealed record WaiverSubject(string DeviceId, string? PersonEmail);
