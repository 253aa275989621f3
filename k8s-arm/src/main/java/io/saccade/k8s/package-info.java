/**
 * Kubernetes manifests, the placement and deploy tool, and images for ARM64 nodes.
 * Filled in by the k8s-arm issue.
 */
package io.saccade.k8s;
