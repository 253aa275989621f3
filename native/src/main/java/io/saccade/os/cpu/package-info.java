/**
 * CPU topology (big.LITTLE from sysfs) and thread pinning within the CPUs a container allows.
 */
package io.saccade.os.cpu;
