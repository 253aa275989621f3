/**
 * What every Saccade process shares beyond its packages below: the build's version ({@code --version}).
 */
package io.saccade.runtime;
