/**
 * {@code saccade-k8s}: reads the cluster's arm64 nodes, places every model on nodes with room for it
 * ({@link io.saccade.k8s.Placement}), labels the nodes so the accelerator DaemonSets land there, applies the rendered
 * manifests ({@link io.saccade.k8s.Manifests}, every resource checked against the typed Kubernetes model with unknown
 * fields refused) and reports rollout status per node.
 */
package io.saccade.k8s;
