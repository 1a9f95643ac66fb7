package dev.lightstream.ipc;

/**
 * Valid Arrow IPC that this library does not read: metadata versions V1 to V3 or versions newer
 * than V5, tensor and sparse tensor messages, compression codecs whose implementation is not on
 * the class path, dictionary replacement inside an IPC file.
 */
public class UnsupportedIpcFeatureException extends InvalidIpcException {
    private static final long serialVersionUID = 1L;

    public UnsupportedIpcFeatureException(String message) {
        super(message);
    }
}
